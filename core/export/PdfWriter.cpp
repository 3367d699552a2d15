#include "export/PdfWriter.h"

namespace RebuildRadar {

namespace {
// PDF string literal in WinAnsi (Latin-1) with the three special characters escaped.
QByteArray pdfString(const QString &text)
{
    QString plain = text;
    plain.replace(QChar(0x2192), QStringLiteral("->"))
        .replace(QChar(0x2014), QStringLiteral("-"))
        .replace(QChar(0x2013), QStringLiteral("-"));
    QByteArray latin = plain.toLatin1();
    QByteArray out = "(";
    for (char c : latin) {
        if (c == '(' || c == ')' || c == '\\')
            out += '\\';
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out + ')';
}

QByteArray num(double v)
{
    return QByteArray::number(v, 'f', 2);
}
} // namespace

PdfWriter::PdfWriter(QIODevice &out)
    : m_out(out)
{
    write("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    // Objects 1-3 are fixed: the two fonts and the page tree (written last).
    const int regular = newObject();
    write(QByteArray::number(regular) + " 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                        "/Encoding /WinAnsiEncoding >>\nendobj\n");
    const int bold = newObject();
    write(QByteArray::number(bold) + " 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                                     "/Encoding /WinAnsiEncoding >>\nendobj\n");
    m_pagesObject = 3;
    m_objects.append(-1); // reserved for the page tree
}

int PdfWriter::newObject()
{
    m_objects.append(m_offset);
    return int(m_objects.size());
}

void PdfWriter::write(const QByteArray &bytes)
{
    if (m_out.write(bytes) != bytes.size())
        m_failed = true;
    m_offset += bytes.size();
}

void PdfWriter::beginPage()
{
    m_content.clear();
}

void PdfWriter::text(double x, double y, const QString &text, double size, bool bold)
{
    m_content += "BT /" + QByteArray(bold ? "F2 " : "F1 ") + num(size) + " Tf " + num(x) + ' ' + num(y) +
                 " Td " + pdfString(text) + " Tj ET\n";
}

void PdfWriter::rect(double x, double y, double w, double h, double r, double g, double b)
{
    m_content += num(r) + ' ' + num(g) + ' ' + num(b) + " rg " + num(x) + ' ' + num(y) + ' ' + num(w) + ' ' +
                 num(h) + " re f 0 0 0 rg\n";
}

void PdfWriter::line(double x1, double y1, double x2, double y2)
{
    m_content += "0.5 w " + num(x1) + ' ' + num(y1) + " m " + num(x2) + ' ' + num(y2) + " l S\n";
}

void PdfWriter::endPage()
{
    const int contents = newObject();
    write(QByteArray::number(contents) + " 0 obj\n<< /Length " + QByteArray::number(m_content.size()) +
          " >>\nstream\n" + m_content + "endstream\nendobj\n");
    const int page = newObject();
    write(
        QByteArray::number(page) + " 0 obj\n<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents " +
        QByteArray::number(contents) + " 0 R /Resources << /Font << /F1 1 0 R /F2 2 0 R >> >> >>\nendobj\n");
    m_pages.append(page);
    m_content.clear();
}

bool PdfWriter::finish()
{
    m_objects[m_pagesObject - 1] = m_offset;
    QByteArray kids;
    for (int p : m_pages)
        kids += QByteArray::number(p) + " 0 R ";
    write("3 0 obj\n<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(m_pages.size()) +
          " >>\nendobj\n");
    const int catalog = newObject();
    write(QByteArray::number(catalog) + " 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n");
    const qint64 xref = m_offset;
    QByteArray table = "xref\n0 " + QByteArray::number(m_objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qint64 offset : m_objects)
        table += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    write(table);
    write("trailer\n<< /Size " + QByteArray::number(m_objects.size() + 1) + " /Root " +
          QByteArray::number(catalog) + " 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n");
    return !m_failed;
}

double PdfWriter::textWidth(const QString &text, double size)
{
    // Helvetica's average advance is close to half the font size; digits and most letters are 0.556.
    return text.size() * size * 0.54;
}

} // namespace RebuildRadar
