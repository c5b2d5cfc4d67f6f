<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name></name>
    <message>
        <source>already on file as client {client_id}</source>
        <extracomment>Most rows per transaction: a STOP waits for one batch at most, never for a whole import (R16), and a crash or full disk keeps whole batches, which a re-run skips as already on file. Rows in the first transaction; the next ones are sized from how fast the last one went, to hold the write lock about LOCK_SLICE seconds (between FIRST_CHUNK // 2 and IMPORT_CHUNK rows: a batch has costs of its own, its commit and the pause after it). Seconds a batch aims to hold the write lock: with the pause after it, a STOP arriving during an import lands within a second (DESIGN §7), on a fast machine or a slow one. Seconds between batches. SQLite has no queue for its write lock: a writer waiting on the busy timeout retries every 100 ms at most, so a pause a little longer lets it in. PostgreSQL queues the numbers&apos; lock, so a waiting STOP goes first without one. Columns read when a file has them: marketing consent per channel and how it was given (R4a). Why a marketing cell for a STOP-locked mobile was not applied (R22). The rows of `skipped` whose client is already on file: skipped, but nothing to fix. Cells not applied in rows that were (R22): {&quot;row&quot;, &quot;column&quot;, &quot;reason&quot;}. Good rows not reached because the import was cancelled (whole batches are kept). &quot;column email holds …&quot; and &quot;mobile: phone number …&quot; name the column, then say what is wrong; &quot;status &apos;x&apos; is not …&quot; names it in the reason itself. What a row is looked up by, most selective first: its email, else its mobile, else its home phone, else its name alone. A name is shared by dozens of clients in a big studio.</extracomment>
        <translation>ya está registrado como el cliente {client_id}</translation>
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
