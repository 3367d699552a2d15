<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>Attention</name>
    <message numerus="yes">
        <source>%n image(s) rebuilt</source>
        <translation><numerusform>%n image rebuilt</numerusform><numerusform>%n images rebuilt</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n rollout(s) in progress</source>
        <translation><numerusform>%n rollout in progress</numerusform><numerusform>%n rollouts in progress</numerusform></translation>
    </message>
</context>
<context>
    <name>RebuildRadar::ChannelsDialog</name>
    <message numerus="yes">
        <source> (%n waiting)</source>
        <translation><numerusform> (%n waiting)</numerusform><numerusform> (%n waiting)</numerusform></translation>
    </message>
</context>
<context>
    <name>RebuildRadar::Cli</name>
    <message numerus="yes">
        <source>%n tags checked, no rebuilds</source>
        <translation><numerusform>%n tag checked, no rebuilds</numerusform><numerusform>%n tags checked, no rebuilds</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>pinned digest first seen %n days ago</source>
        <translation><numerusform>pinned digest first seen %n day ago</numerusform><numerusform>pinned digest first seen %n days ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>  (%n rebuild(s) since the pin</source>
        <translation><numerusform>  (%n rebuild since the pin</numerusform><numerusform>  (%n rebuilds since the pin</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>watching the family %1 /%2/: %n new tag(s)</source>
        <translation><numerusform>watching the family %1 /%2/: %n new tag</numerusform><numerusform>watching the family %1 /%2/: %n new tags</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n rebuild(s)</source>
        <translation><numerusform>%n rebuild</numerusform><numerusform>%n rebuilds</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s) running</source>
        <translation><numerusform>%n workload running</numerusform><numerusform>%n workloads running</numerusform></translation>
    </message>
</context>
<context>
    <name>RebuildRadar::MainWindow</name>
    <message numerus="yes">
        <source>Watching %n more image(s)</source>
        <translation><numerusform>Watching %n more image</numerusform><numerusform>Watching %n more images</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Stop watching %n image(s)? Their history is kept.</source>
        <translation><numerusform>Stop watching %n image? Its history is kept.</numerusform><numerusform>Stop watching %n images? Their history is kept.</numerusform></translation>
    </message>
</context>
<context>
    <name>RebuildRadar::Notifier</name>
    <message numerus="yes">
        <source>%n platform(s)</source>
        <translation><numerusform>%n platform</numerusform><numerusform>%n platforms</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s) now run an old build</source>
        <translation><numerusform>%n workload now runs an old build</numerusform><numerusform>%n workloads now run an old build</numerusform></translation>
    </message>
</context>
<context>
    <name>RebuildRadar::PinsView</name>
    <message numerus="yes">
        <source>%n rebuild(s) since the pin</source>
        <translation><numerusform>%n rebuild since the pin</numerusform><numerusform>%n rebuilds since the pin</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n reference(s) found</source>
        <translation><numerusform>%n reference found</numerusform><numerusform>%n references found</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Rewrite %n file(s) in %1?</source>
        <translation><numerusform>Rewrite %n file in %1?</numerusform><numerusform>Rewrite %n files in %1?</numerusform></translation>
    </message>
</context>
<context>
    <name>RebuildRadar::RunningView</name>
    <message numerus="yes">
        <source>%n rebuild(s) behind, newer since %1</source>
        <translation><numerusform>%n rebuild behind, newer since %1</numerusform><numerusform>%n rebuilds behind, newer since %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s)</source>
        <translation><numerusform>%n workload</numerusform><numerusform>%n workloads</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation><numerusform>%n stale</numerusform><numerusform>%n stale</numerusform></translation>
    </message>
</context>
<context>
    <name>RebuildRadar::WatchlistModel</name>
    <message numerus="yes">
        <source>%1 — %n tag(s) matching %2</source>
        <translation><numerusform>%1 — %n tag matching %2</numerusform><numerusform>%1 — %n tags matching %2</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n silent rebuild(s)</source>
        <translation><numerusform>%n silent rebuild</numerusform><numerusform>%n silent rebuilds</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n version move(s)</source>
        <translation><numerusform>%n version move</numerusform><numerusform>%n version moves</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n image(s)</source>
        <translation><numerusform>%1 — %n image</numerusform><numerusform>%1 — %n images</numerusform></translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message numerus="yes">
        <source>on all %n platform(s) after %1</source>
        <translation><numerusform>on its %n platform after %1</numerusform><numerusform>on all %n platforms after %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n digest change(s)</source>
        <translation><numerusform>%n digest change</numerusform><numerusform>%n digest changes</numerusform></translation>
    </message>
</context>
</TS>