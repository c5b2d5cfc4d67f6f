<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</TS>
