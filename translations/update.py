#!/usr/bin/env python3
"""Refreshes translations/rebuildradar_{de,fr}.ts: lupdate extracts the strings, catalog.py fills them.

Run after changing user-visible strings; any string without a translation is listed and the script
fails, so the catalogues stay complete."""
import os, subprocess, sys, xml.etree.ElementTree as ET
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, here)
from catalog import DE, FR, EN
lupdate = os.environ.get('LUPDATE', '/usr/lib/qt6/bin/lupdate')
missing = []
for lang, table in (('de', DE), ('fr', FR), ('en', EN)):
    ts = os.path.join(here, f'rebuildradar_{lang}.ts')
    # English needs only its plural forms; the source text is English
    only = ['-pluralonly'] if lang == 'en' else []
    subprocess.run([lupdate, '-silent', '-no-obsolete', '-locations', 'none', *only, 'core', 'ui', 'app', '-ts', ts], cwd=root, check=True)
    tree = ET.parse(ts)
    tree.getroot().set('language', {'de': 'de_DE', 'fr': 'fr_FR', 'en': 'en_US'}[lang])
    for message in tree.getroot().iter('message'):
        source = message.find('source').text
        translation = message.find('translation')
        value = table.get(source)
        if value is None:
            missing.append((lang, source))
            continue
        translation.attrib.pop('type', None)
        for child in list(translation):
            translation.remove(child)
        if message.get('numerus') == 'yes':
            forms = value if isinstance(value, list) else [value, value]
            translation.text = None
            for form in forms:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = value[-1] if isinstance(value, list) else value
    tree.write(ts, encoding='utf-8', xml_declaration=True)
if missing:
    for lang, source in missing:
        print(f'untranslated ({lang}): {source!r}', file=sys.stderr)
    sys.exit(1)
