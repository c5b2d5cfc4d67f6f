<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AfterStopSection</name>
    <message numerus="yes">
        <source>%Ln text(s) sent after the client texted STOP.</source>
        <translation>
            <numerusform>%Ln text was sent after the client texted STOP.</numerusform>
            <numerusform>%Ln texts were sent after the client texted STOP.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln text(s) sent after the client texted STOP — the newest {shown} listed.</source>
        <translation>
            <numerusform>%Ln text was sent after the client texted STOP — the newest {shown} listed.</numerusform>
            <numerusform>%Ln texts were sent after the client texted STOP — the newest {shown} listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message numerus="yes">
        <source>Exported %Ln event(s) to {file}.</source>
        <translation>
            <numerusform>Exported %Ln event to {file}.</numerusform>
            <numerusform>Exported %Ln events to {file}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Intact: %Ln event(s). Each one follows the event before it; none was changed or removed.</source>
        <translation>
            <numerusform>Intact: %Ln event. Each one follows the event before it; none was changed or removed.</numerusform>
            <numerusform>Intact: %Ln events. Each one follows the event before it; none was changed or removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The record is broken at event {event}: {problem}. The %Ln event(s) before it are intact.</source>
        <translation>
            <numerusform>The record is broken at event {event}: {problem}. The %Ln event before it is intact.</numerusform>
            <numerusform>The record is broken at event {event}: {problem}. The %Ln events before it are intact.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) in the record.</source>
        <translation>
            <numerusform>%Ln event in the record.</numerusform>
            <numerusform>%Ln events in the record.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) match.</source>
        <translation>
            <numerusform>%Ln event matches.</numerusform>
            <numerusform>%Ln events match.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientEditor</name>
    <message numerus="yes">
        <source>Starts with %Ln switch(es) on: {switches}.</source>
        <translation>
            <numerusform>Starts with %Ln switch on: {switches}.</numerusform>
            <numerusform>Starts with %Ln switches on: {switches}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientFileImport</name>
    <message numerus="yes">
        <source>Imported %Ln client(s) from {file}</source>
        <translation>
            <numerusform>Imported %Ln client from {file}</numerusform>
            <numerusform>Imported %Ln clients from {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientImportPreviewDialog</name>
    <message numerus="yes">
        <source>The first %Ln row(s) of the file. Rows with a problem are listed after the import, with what to fix; nothing already on file is changed.</source>
        <translation>
            <numerusform>The first %Ln row of the file. Rows with a problem are listed after the import, with what to fix; nothing already on file is changed.</numerusform>
            <numerusform>The first %Ln rows of the file. Rows with a problem are listed after the import, with what to fix; nothing already on file is changed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientImportReport</name>
    <message numerus="yes">
        <source>{file}: %Ln client(s) imported.</source>
        <translation>
            <numerusform>{file}: %Ln client imported.</numerusform>
            <numerusform>{file}: %Ln clients imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) skipped: already on file (nothing to fix).</source>
        <translation>
            <numerusform>%Ln row skipped: already on file (nothing to fix).</numerusform>
            <numerusform>%Ln rows skipped: already on file (nothing to fix).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %Ln row(s) not imported. Import the file again to add them; rows already imported are skipped.</source>
        <translation>
            <numerusform>Cancelled: %Ln row not imported. Import the file again to add them; rows already imported are skipped.</numerusform>
            <numerusform>Cancelled: %Ln rows not imported. Import the file again to add them; rows already imported are skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientListPanel</name>
    <message numerus="yes">
        <source>%Ln client(s)</source>
        <translation>
            <numerusform>%Ln client</numerusform>
            <numerusform>%Ln clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln+ clients</source>
        <translation>
            <numerusform>%Ln+ clients</numerusform>
            <numerusform>%Ln+ clients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message numerus="yes">
        <source>{done} of %Ln row(s) from {file}</source>
        <translation>
            <numerusform>{done} of %Ln row from {file}</numerusform>
            <numerusform>{done} of %Ln rows from {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln inbound text(s) from {file}</source>
        <translation>
            <numerusform>{done} of %Ln inbound text from {file}</numerusform>
            <numerusform>{done} of %Ln inbound texts from {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln row(s) to fix&lt;/b&gt; — correct them in the file and import it again; rows already imported are skipped.</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln row to fix&lt;/b&gt; — correct them in the file and import it again; rows already imported are skipped.</numerusform>
            <numerusform>&lt;b&gt;%Ln rows to fix&lt;/b&gt; — correct them in the file and import it again; rows already imported are skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Imported %Ln inbound text(s) from {file}</source>
        <translation>
            <numerusform>Imported %Ln inbound text from {file}</numerusform>
            <numerusform>Imported %Ln inbound texts from {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageImportReport</name>
    <message numerus="yes">
        <source>%Ln inbound text(s)</source>
        <translation>
            <numerusform>%Ln inbound text</numerusform>
            <numerusform>%Ln inbound texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln consent change(s)</source>
        <translation>
            <numerusform>%Ln consent change</numerusform>
            <numerusform>%Ln consent changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln text(s) sent after the client texted STOP — see Reports.</source>
        <translation>
            <numerusform>%Ln text was sent after the client texted STOP — see Reports.</numerusform>
            <numerusform>%Ln texts were sent after the client texted STOP — see Reports.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln STOP confirmation(s) recorded on the client&apos;s record</source>
        <translation>
            <numerusform>%Ln STOP confirmation recorded on the client&apos;s record</numerusform>
            <numerusform>%Ln STOP confirmations recorded on the client&apos;s record</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln outbound text(s)</source>
        <translation>
            <numerusform>%Ln outbound text</numerusform>
            <numerusform>%Ln outbound texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %Ln text(s) already imported.</source>
        <translation>
            <numerusform>Skipped: %Ln text already imported.</numerusform>
            <numerusform>Skipped: %Ln texts already imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) could not be read — see below.</source>
        <translation>
            <numerusform>%Ln row could not be read — see below.</numerusform>
            <numerusform>%Ln rows could not be read — see below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln bad row(s) not imported:</source>
        <translation>
            <numerusform>%Ln bad row not imported:</numerusform>
            <numerusform>%Ln bad rows not imported:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagesDialog</name>
    <message numerus="yes">
        <source>%Ln text(s) from a number or with words matching “{query}”, newest first.</source>
        <translation>
            <numerusform>%Ln text from a number or with words matching “{query}”, newest first.</numerusform>
            <numerusform>%Ln texts from a number or with words matching “{query}”, newest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln newest inbound text(s), newest first. A text that is a keyword changes consent; one that only looks like an opt-out waits in Needs review.</source>
        <translation>
            <numerusform>The %Ln newest inbound text, newest first. A text that is a keyword changes consent; one that only looks like an opt-out waits in Needs review.</numerusform>
            <numerusform>The %Ln newest inbound texts, newest first. A text that is a keyword changes consent; one that only looks like an opt-out waits in Needs review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProviderSyncController</name>
    <message numerus="yes">
        <source>Synced texts from the provider: %Ln client(s) affected</source>
        <translation>
            <numerusform>Synced texts from the provider: %Ln client affected</numerusform>
            <numerusform>Synced texts from the provider: %Ln clients affected</numerusform>
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
    <name>ReportsDialog</name>
    <message numerus="yes">
        <source>Opt-outs over the last %Ln month(s)</source>
        <translation>
            <numerusform>Opt-outs over the last %Ln month</numerusform>
            <numerusform>Opt-outs over the last %Ln months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opt-outs per month, last %Ln month(s)</source>
        <translation>
            <numerusform>Opt-outs per month, last %Ln month</numerusform>
            <numerusform>Opt-outs per month, last %Ln months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln active client(s) (archived clients are not counted). Each client is in one state per channel; point at a heading for what it means.</source>
        <translation>
            <numerusform>%Ln active client (archived clients are not counted). Each client is in one state per channel; point at a heading for what it means.</numerusform>
            <numerusform>%Ln active clients (archived clients are not counted). Each client is in one state per channel; point at a heading for what it means.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln opt-out(s) in the last {months} months</source>
        <translation>
            <numerusform>%Ln opt-out in the last {months} months</numerusform>
            <numerusform>%Ln opt-outs in the last {months} months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln STOP lock(s)</source>
        <translation>
            <numerusform>%Ln STOP lock</numerusform>
            <numerusform>%Ln STOP locks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudioSettingsDialog</name>
    <message numerus="yes">
        <source>The desk locks after %Ln idle minute(s)</source>
        <translation>
            <numerusform>The desk locks after %Ln idle minute</numerusform>
            <numerusform>The desk locks after %Ln idle minutes</numerusform>
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
        <translation>
            <numerusform>Every consent event (%Ln event)</numerusform>
            <numerusform>Every consent event (%Ln events)</numerusform>
        </translation>
    </message>
</context>
</TS>
