<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ImportResultDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln row(s) to fix&lt;/b&gt; — correct them in the file and import it again; rows already imported are skipped.</source>
        <extracomment>Wide enough for a report&apos;s longest line and a reason beside its row and column. Up to this many rows, each is as tall as its wrapped reason (measuring costs time). The person asked to see the Needs review queue (the dialog closes).</extracomment>
        <translation>
            <numerusform>&lt;b&gt;%Ln row to fix&lt;/b&gt; — correct them in the file and import it again; rows already imported are skipped.</numerusform>
            <numerusform>&lt;b&gt;%Ln rows to fix&lt;/b&gt; — correct them in the file and import it again; rows already imported are skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordPrinter</name>
    <message numerus="yes">
        <source>Saved {name}&apos;s consent record to {file} (%n page(s))</source>
        <translation>
            <numerusform>Saved {name}&apos;s consent record to {file} (%n page)</numerusform>
            <numerusform>Saved {name}&apos;s consent record to {file} (%n pages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printed {name}&apos;s consent record (%n page(s))</source>
        <translation>
            <numerusform>Printed {name}&apos;s consent record (%n page)</numerusform>
            <numerusform>Printed {name}&apos;s consent record (%n pages)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Ages</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) ago</source>
        <translation>
            <numerusform>%Ln day ago</numerusform>
            <numerusform>%Ln days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%Ln text(s) need review</source>
        <translation>
            <numerusform>%Ln text needs review</numerusform>
            <numerusform>%Ln texts need review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{waiting} — %Ln overdue</source>
        <translation>
            <numerusform>{waiting} — %Ln overdue</numerusform>
            <numerusform>{waiting} — %Ln overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Notices</name>
    <message numerus="yes">
        <source>A text from this mobile waits in Needs review (and %Ln more): “{quoted}”.</source>
        <translation>
            <numerusform>A text from this mobile waits in Needs review (and %Ln more): “{quoted}”.</numerusform>
            <numerusform>A text from this mobile waits in Needs review (and %Ln more): “{quoted}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{names} and %Ln other(s)</source>
        <translation>
            <numerusform>{names} and %Ln other</numerusform>
            <numerusform>{names} and %Ln others</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_RecordCounts</name>
    <message numerus="yes">
        <source>Every consent event (%Ln event(s))</source>
        <extracomment>A word longer than this gets break opportunities, so a pasted link in a note still wraps. Qt&apos;s translation, by a name lupdate reads: translate(&quot;record_pdf&quot;, &quot;…&quot;).</extracomment>
        <translation>
            <numerusform>Every consent event (%Ln event)</numerusform>
            <numerusform>Every consent event (%Ln events)</numerusform>
        </translation>
    </message>
</context>
</TS>
