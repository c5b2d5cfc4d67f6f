<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name></name>
    <message>
        <source>{problem}; {remedy}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{remedy} and import the file again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import the file again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rows} applied; the rest were not — {again}: rows already applied are skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was imported — {again}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}; {done}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {row} was</source>
        <extracomment>Runs named in a message; the command line&apos;s JSON lists them all.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows {rows}, … ({count} rows in all) were</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows {rows} were</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%Ln text(s) need review</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{waiting} — %Ln overdue</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>client filter</name>
    <message>
        <source>All</source>
        <extracomment>The client list&apos;s filters, in the filter bar and the View menu.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any opt-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STOP-locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>switch</name>
    <message>
        <source>Marketing</source>
        <extracomment>What the screens call each channel (a row of the Opt-In section and of the grid).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>Hailee outreach</source>
        <extracomment>A client&apos;s Hailee switches, by the name `models.consent.set_client_ai` takes.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hailee replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
