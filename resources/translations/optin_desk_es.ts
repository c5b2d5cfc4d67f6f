<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name></name>
    <message>
        <source>{problem}; {remedy}</source>
        <translation>{problem}; {remedy}</translation>
    </message>
    <message>
        <source>{remedy} and import the file again</source>
        <translation>{remedy} e importe el archivo de nuevo</translation>
    </message>
    <message>
        <source>import the file again</source>
        <translation>importe el archivo de nuevo</translation>
    </message>
    <message>
        <source>{rows} applied; the rest were not — {again}: rows already applied are skipped</source>
        <translation>{rows}; las demás no — {again}: las filas ya aplicadas se omiten</translation>
    </message>
    <message>
        <source>nothing was imported — {again}</source>
        <translation>no se importó nada — {again}</translation>
    </message>
    <message>
        <source>{problem}; {done}</source>
        <translation>{problem}; {done}</translation>
    </message>
    <message>
        <source>row {row} was</source>
        <extracomment>Runs named in a message; the command line&apos;s JSON lists them all.</extracomment>
        <translation>se aplicó la fila {row}</translation>
    </message>
    <message>
        <source>rows {rows}, … ({count} rows in all) were</source>
        <translation>se aplicaron las filas {rows}, … ({count} filas en total)</translation>
    </message>
    <message>
        <source>rows {rows} were</source>
        <translation>se aplicaron las filas {rows}</translation>
    </message>
    <message>
        <source>none opened</source>
        <translation>ninguna abierta</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>esta computadora</translation>
    </message>
    <message>
        <source>PostgreSQL database {name} on {host}</source>
        <translation>base de datos PostgreSQL {name} en {host}</translation>
    </message>
    <message>
        <source>event {id} is missing (next is {next})</source>
        <extracomment>The fields a hash covers, in order. Changing this list breaks every existing chain. `json.dumps(…, separators=(&quot;,&quot;, &quot;:&quot;), ensure_ascii=False)`, built once: the same text, without a new encoder per event (a seed hashes ten million).</extracomment>
        <translation>falta el evento {id} (el siguiente es {next})</translation>
    </message>
    <message>
        <source>event {id} does not follow the event before it</source>
        <translation>el evento {id} no sigue al evento anterior</translation>
    </message>
    <message>
        <source>event {id} was changed after it was written</source>
        <translation>el evento {id} se modificó después de registrarse</translation>
    </message>
    <message>
        <source>event {id} and later are missing (the chain ends at event {last}, its head at {head})</source>
        <translation>faltan el evento {id} y los posteriores (la cadena termina en el evento {last} y su cabecera en el {head})</translation>
    </message>
    <message>
        <source>checkpoint {text} is not ID:HASH (an event id, a colon, its hash)</source>
        <translation>el punto de control {text} no tiene la forma ID:HASH (un id. de evento, dos puntos y su hash)</translation>
    </message>
    <message>
        <source>checkpoint {text}: the hash is not 64 hexadecimal digits</source>
        <translation>punto de control {text}: el hash no tiene 64 dígitos hexadecimales</translation>
    </message>
    <message>
        <source>the checkpoint&apos;s event {id} is no longer in the record</source>
        <translation>el evento {id} del punto de control ya no está en el registro</translation>
    </message>
    <message>
        <source>event {id} no longer has the checkpoint&apos;s hash: the record was rewritten after the checkpoint was taken</source>
        <translation>el evento {id} ya no tiene el hash del punto de control: el registro se reescribió después de tomar el punto de control</translation>
    </message>
    <message>
        <source>SMS starts off and locked for this client</source>
        <translation>SMS empieza desactivado y bloqueado para este cliente</translation>
    </message>
    <message>
        <source>no client with id {id}</source>
        <translation>no hay ningún cliente con id. {id}</translation>
    </message>
    <message>
        <source>With no mobile on file, no texts or calls go to the mobile; its switches are kept as they are.</source>
        <translation>Sin celular registrado, no se envían mensajes de texto ni llamadas al celular; sus interruptores se conservan como están.</translation>
    </message>
    <message>
        <source>SMS will be off and locked for this client</source>
        <translation>SMS quedará desactivado y bloqueado para este cliente</translation>
    </message>
    <message>
        <source>The STOP belongs to the old number {number}, which stays locked; SMS comes back on for the new number.</source>
        <translation>El STOP pertenece al número anterior {number}, que sigue bloqueado; SMS se vuelve a activar para el número nuevo.</translation>
    </message>
    <message>
        <source>Consent to marketing names a number: {channels} Marketing stays with {number} and goes back to the studio&apos;s default (off) for the new number. Record new consent on the profile if the client gives it.</source>
        <translation>El consentimiento para marketing corresponde a un número: Marketing de {channels} se queda con {number} y vuelve al valor predeterminado del estudio (desactivado) para el número nuevo. Registre un nuevo consentimiento en el perfil si el cliente lo da.</translation>
    </message>
    <message>
        <source>Consent to marketing names a number: {channels} Marketing stay with {number} and go back to the studio&apos;s default (off) for the new number. Record new consent on the profile if the client gives it.</source>
        <translation>El consentimiento para marketing corresponde a un número: Marketing de {channels} se queda con {number} y vuelve al valor predeterminado del estudio (desactivado) para el número nuevo. Registre un nuevo consentimiento en el perfil si el cliente lo da.</translation>
    </message>
    <message>
        <source>{items} and {last}</source>
        <translation>{items} y {last}</translation>
    </message>
    <message>
        <source>{number} texted STOP: {what}. Only the client can turn it back on, by texting START.</source>
        <translation>{number} envió STOP: {what}. Solo el cliente puede volver a activarlo, enviando START.</translation>
    </message>
    <message>
        <source>{number} texted STOP on {day}: {what}. Only the client can turn it back on, by texting START.</source>
        <translation>{number} envió STOP el {day}: {what}. Solo el cliente puede volver a activarlo, enviando START.</translation>
    </message>
    <message>
        <source>Jan</source>
        <extracomment>The months as `%b` writes them in English, to be said in the window&apos;s language.</extracomment>
        <translation>enero</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>febrero</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>marzo</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>abril</translation>
    </message>
    <message>
        <source>May</source>
        <translation>mayo</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>junio</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>julio</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>agosto</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>septiembre</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>octubre</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>noviembre</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>diciembre</translation>
    </message>
    <message>
        <source>{month} {day}, {year}</source>
        <translation>{day} de {month} de {year}</translation>
    </message>
    <message>
        <source>{who} also has this mobile — a STOP from this number reaches both of them.</source>
        <translation>{who} también tiene este celular — un STOP desde este número se aplica a ambos.</translation>
    </message>
    <message>
        <source>{who} also have this mobile — a STOP from this number reaches all of them.</source>
        <translation>{who} también tienen este celular — un STOP desde este número se aplica a todos ellos.</translation>
    </message>
    <message>
        <source>{who} also has this email.</source>
        <translation>{who} también tiene este correo electrónico.</translation>
    </message>
    <message>
        <source>{who} also have this email.</source>
        <translation>{who} también tienen este correo electrónico.</translation>
    </message>
    <message>
        <source>Signed form</source>
        <extracomment>How a client gave consent (R4), with the words the consent dialog shows.</extracomment>
        <translation>Formulario firmado</translation>
    </message>
    <message>
        <source>Online form</source>
        <translation>Formulario en línea</translation>
    </message>
    <message>
        <source>In person</source>
        <extracomment>How a client asked to opt out (R20): offered when a switch is turned off, never required.</extracomment>
        <translation>En persona</translation>
    </message>
    <message>
        <source>Email from the client</source>
        <translation>Correo electrónico del cliente</translation>
    </message>
    <message>
        <source>Phone call from the client</source>
        <translation>Llamada del cliente</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <source>Email</source>
        <extracomment>What the screen calls each channel, and the address it needs.</extracomment>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Redes sociales</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Studio default</source>
        <extracomment>Every method the record writes, with its words: consent, opt-out, and what the studio records without being asked (its defaults, a client&apos;s keyword).</extracomment>
        <translation>Valor predeterminado del estudio</translation>
    </message>
    <message>
        <source>Client texted START</source>
        <translation>El cliente envió START</translation>
    </message>
    <message>
        <source>turning a switch on records how the client consented ({choices})</source>
        <translation>al activar un interruptor se registra la forma de consentimiento del cliente ({choices})</translation>
    </message>
    <message>
        <source>how the client asked to opt out is one of {choices}</source>
        <translation>la forma en que el cliente pidió la baja es una de estas: {choices}</translation>
    </message>
    <message>
        <source>{name}&apos;s opt-ins were changed elsewhere since this profile was shown. It has been reloaded: check it and try again.</source>
        <translation>Las altas de {name} se cambiaron en otro lugar después de mostrar este perfil. Se volvió a cargar: revíselo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>this client is archived; restore them before recording consent</source>
        <translation>este cliente está archivado; restáurelo antes de registrar el consentimiento</translation>
    </message>
    <message>
        <source>unknown AI switch {name} (outreach or replies)</source>
        <translation>interruptor de IA desconocido {name} (outreach o replies)</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <extracomment>The most characters a cell may hold; a row with a longer cell is a bad row, listed. A text message is at most 1,600 characters (Twilio joins no more than ten segments), and a name, an address or a status a few hundred: a longer cell is damage — most often a quote left open, which swallows the rows after it into one cell — not something to store. The largest cell read at all (Python&apos;s csv module stops at 128 KiB by default, which made one long cell refuse the whole file). A cell up to this size is read whole, so the rows after it are read as rows, and listed as a bad row; a larger one refuses the file, naming its row.</extracomment>
        <translation>{path}: el archivo no existe</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a CSV file</source>
        <translation>{path}: es una carpeta, no un archivo CSV</translation>
    </message>
    <message>
        <source>{path}: is not {encoding} text throughout (save it as CSV UTF-8)</source>
        <translation>{path}: no es texto {encoding} en su totalidad (guárdelo como CSV UTF-8)</translation>
    </message>
    <message>
        <source>{path}: not a readable CSV file ({error})</source>
        <translation>{path}: no es un archivo CSV legible ({error})</translation>
    </message>
    <message>
        <source>{path}: row {row} has a cell larger than {size} MB; not a CSV file to import</source>
        <extracomment>The first rows&apos; cells, as read (a bad row&apos;s cells too: the preview shows the file).</extracomment>
        <translation>{path}: la fila {row} tiene una celda de más de {size} MB; no es un archivo CSV para importar</translation>
    </message>
    <message>
        <source>{path}: the file is empty</source>
        <translation>{path}: el archivo está vacío</translation>
    </message>
    <message>
        <source>{path}: holds NUL bytes, so it is not UTF-8 text (save it as CSV UTF-8)</source>
        <translation>{path}: contiene bytes NUL, así que no es texto UTF-8 (guárdelo como CSV UTF-8)</translation>
    </message>
    <message>
        <source>{path}: column {name} appears twice</source>
        <translation>{path}: la columna {name} aparece dos veces</translation>
    </message>
    <message>
        <source>{path}: missing columns {columns}</source>
        <translation>{path}: faltan las columnas {columns}</translation>
    </message>
    <message>
        <source>{path}: missing column {columns}</source>
        <translation>{path}: falta la columna {columns}</translation>
    </message>
    <message>
        <source>column {name}</source>
        <translation>la columna {name}</translation>
    </message>
    <message>
        <source>a cell</source>
        <translation>una celda</translation>
    </message>
    <message>
        <source>{column} holds {count} characters (at most {most}) over {lines} lines: a quote left open?</source>
        <translation>{column} tiene {count} caracteres (como máximo {most}) en {lines} líneas: ¿unas comillas sin cerrar?</translation>
    </message>
    <message>
        <source>{column} holds {count} characters (at most {most})</source>
        <translation>{column} tiene {count} caracteres (como máximo {most})</translation>
    </message>
    <message>
        <source>{column} holds a NUL byte: the file may be damaged</source>
        <translation>{column} contiene un byte NUL: el archivo puede estar dañado</translation>
    </message>
    <message>
        <source>more cells than the header has</source>
        <translation>más celdas que el encabezado</translation>
    </message>
    <message>
        <source>fewer cells than the header has</source>
        <translation>menos celdas que el encabezado</translation>
    </message>
    <message>
        <source>comma</source>
        <extracomment>Separators a spreadsheet writes: comma, semicolon (where the comma is the decimal mark), tab.</extracomment>
        <translation>coma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>punto y coma</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulación</translation>
    </message>
    <message>
        <source>UTF-8 (with byte-order mark)</source>
        <extracomment>Code pages a spreadsheet saves CSV in, most likely first: Excel&apos;s &quot;CSV&quot; on Windows, its &quot;CSV (Macintosh)&quot; and &quot;CSV (MS-DOS)&quot;. Short files of names fit several of the world&apos;s code pages equally well; among those that fit best, the first of these is taken.</extracomment>
        <translation>UTF-8 (con marca de orden de bytes)</translation>
    </message>
    <message>
        <source>UTF-16 (Unicode Text)</source>
        <translation>UTF-16 (Texto Unicode)</translation>
    </message>
    <message>
        <source>Windows-1252 (Western)</source>
        <translation>Windows-1252 (occidental)</translation>
    </message>
    <message>
        <source>{path}: is an Excel workbook, not a CSV file (in Excel, use File ▸ Save As ▸ CSV)</source>
        <extracomment>How much less &quot;chaos&quot; (charset-normalizer&apos;s measure of how garbled a decoding reads) a less likely code page must show to be taken over Windows-1252. Bytes of lines with non-ASCII characters below which the detector is not asked. Bytes read to find the separator, and non-ASCII lines kept as evidence of a code page.</extracomment>
        <translation>{path}: es un libro de Excel, no un archivo CSV (en Excel, use Archivo ▸ Guardar como ▸ CSV)</translation>
    </message>
    <message>
        <source>{path}: cannot be read (no permission)</source>
        <translation>{path}: no se puede leer (sin permiso)</translation>
    </message>
    <message>
        <source>{path}: is not a text file in any encoding a spreadsheet writes (save it as CSV UTF-8)</source>
        <translation>{path}: no es un archivo de texto en ninguna codificación que use una hoja de cálculo (guárdelo como CSV UTF-8)</translation>
    </message>
    <message>
        <source>check that you named the studio&apos;s database</source>
        <extracomment>SQLite: write-ahead log, foreign keys, synchronous=FULL so a committed change survives a power cut, and a busy timeout so a second workstation or process waits instead of failing. What SQLite says when the trouble is the file, not the statement: the screen shows these calmly and the user may try again; anything else is a bug and keeps its traceback. PostgreSQL&apos;s SQLSTATEs for a full disk and a read-only server or transaction. What to do about a database that cannot be used as it is (DESIGN §4).</extracomment>
        <translation>compruebe que indicó la base de datos del estudio</translation>
    </message>
    <message>
        <source>update Opt-In Desk</source>
        <translation>actualice Opt-In Desk</translation>
    </message>
    <message>
        <source>the database connection was lost: {error}</source>
        <translation>se perdió la conexión con la base de datos: {error}</translation>
    </message>
    <message>
        <source>the database server&apos;s disk is full ({error})</source>
        <translation>el disco del servidor de la base de datos está lleno ({error})</translation>
    </message>
    <message>
        <source>the disk holding {place} is full ({error})</source>
        <translation>el disco donde está {place} está lleno ({error})</translation>
    </message>
    <message>
        <source>free some disk space and try again</source>
        <translation>libere espacio en el disco e inténtelo de nuevo</translation>
    </message>
    <message>
        <source>free some disk space</source>
        <translation>libere espacio en el disco</translation>
    </message>
    <message>
        <source>{place} is read-only ({error})</source>
        <translation>{place} es de solo lectura ({error})</translation>
    </message>
    <message>
        <source>connect as a user who may write, and try again</source>
        <translation>conéctese como un usuario con permiso de escritura e inténtelo de nuevo</translation>
    </message>
    <message>
        <source>connect as a user who may write,</source>
        <translation>conéctese como un usuario con permiso de escritura</translation>
    </message>
    <message>
        <source>make the file and its folder writable, and try again</source>
        <translation>permita escribir en el archivo y en su carpeta, e inténtelo de nuevo</translation>
    </message>
    <message>
        <source>make the file and its folder writable,</source>
        <translation>permita escribir en el archivo y en su carpeta,</translation>
    </message>
    <message>
        <source>{place} is damaged ({error})</source>
        <translation>la base de datos {place} está dañada ({error})</translation>
    </message>
    <message>
        <source>restore it from a backup</source>
        <translation>restáurela desde una copia de seguridad</translation>
    </message>
    <message>
        <source>the database is busy with another workstation&apos;s change; nothing was saved — try again</source>
        <translation>la base de datos está ocupada con un cambio de otra computadora; no se guardó nada — inténtelo de nuevo</translation>
    </message>
    <message>
        <source>the database is unavailable: {error}</source>
        <translation>la base de datos no está disponible: {error}</translation>
    </message>
    <message>
        <source>the PostgreSQL database {name}</source>
        <extracomment>peewee&apos;s own translation of a DB-API driver&apos;s errors, for the driver calls it does not wrap.</extracomment>
        <translation>la base de datos PostgreSQL {name}</translation>
    </message>
    <message>
        <source>{path} cannot be created: {error}</source>
        <extracomment>Rows per round trip of a bulk write on PostgreSQL. Parameters per IN (…) list, well under every backend&apos;s limit.</extracomment>
        <translation>no se puede crear {path}: {error}</translation>
    </message>
    <message>
        <source>choose a folder you may write to</source>
        <translation>elija una carpeta en la que pueda escribir</translation>
    </message>
    <message>
        <source>unsupported database URL scheme {scheme} (use a file path or postgresql://)</source>
        <translation>esquema de URL de base de datos no admitido {scheme} (use una ruta de archivo o postgresql://)</translation>
    </message>
    <message>
        <source>cannot open the database: {error}</source>
        <translation>no se puede abrir la base de datos: {error}</translation>
    </message>
    <message>
        <source>{place} has schema {version} and this Opt-In Desk needs {needed}, which this user may not make</source>
        <extracomment>PostgreSQL&apos;s SQLSTATE for &quot;permission denied&quot;.</extracomment>
        <translation>{place} tiene el esquema {version} y este Opt-In Desk necesita el {needed}, que este usuario no tiene permiso para crear</translation>
    </message>
    <message>
        <source>open it once as the database&apos;s owner (e.g. `optin-desk verify-audit --database-url postgresql://OWNER@HOST/DB`), then try again</source>
        <translation>ábrala una vez como propietario de la base de datos (p. ej. `optin-desk verify-audit --database-url postgresql://OWNER@HOST/DB`) y luego inténtelo de nuevo</translation>
    </message>
    <message>
        <source>{place} is not an Opt-In Desk database (not a SQLite file)</source>
        <extracomment>Tables every Opt-In Desk database has had since its first version.</extracomment>
        <translation>{place} no es una base de datos de Opt-In Desk (no es un archivo SQLite)</translation>
    </message>
    <message>
        <source>{place} is not an Opt-In Desk database (it holds another program&apos;s tables)</source>
        <translation>{place} no es una base de datos de Opt-In Desk (contiene tablas de otro programa)</translation>
    </message>
    <message>
        <source>{place} is not an Opt-In Desk database (its schema_version table is another program&apos;s)</source>
        <translation>{place} no es una base de datos de Opt-In Desk (su tabla schema_version es de otro programa)</translation>
    </message>
    <message>
        <source>{place} was made by a newer Opt-In Desk (schema {version}; this one knows {known})</source>
        <translation>{place} se creó con un Opt-In Desk más reciente (esquema {version}; este conoce hasta el {known})</translation>
    </message>
    <message>
        <source>{place} is not an Opt-In Desk database (it has no {tables} table)</source>
        <translation>{place} no es una base de datos de Opt-In Desk (no tiene la tabla {tables})</translation>
    </message>
    <message>
        <source>message id is empty</source>
        <extracomment>False when the keyword changed nothing: already in that state, or a later keyword won (R11). Each client&apos;s (SMS All, whether a STOP turned it off), as the batch leaves them.</extracomment>
        <translation>el id. del mensaje está vacío</translation>
    </message>
    <message>
        <source>time</source>
        <extracomment>The fields of a text, in the order a mapping dialog asks for them. Fields a mapping must name: without them a text cannot be processed once, in order (R11). What each field is, in the words of a one-line error. From, To and Body are the provider&apos;s column names, kept as they are.</extracomment>
        <translation>hora</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>dirección</translation>
    </message>
    <message>
        <source>message id</source>
        <translation>id. del mensaje</translation>
    </message>
    <message>
        <source>status</source>
        <translation>estado</translation>
    </message>
    <message>
        <source>missing columns {columns}</source>
        <extracomment>Columns that must be in the file for it to be read this way (all mapped ones). The Twilio Console&apos;s export (DESIGN §4: its columns are the contract of import-messages). An export made from Twilio&apos;s API by common tools: SMS Message SID, From, To, Date Created, Date Sent, Date Updated, Status, Direction, Message Segments, Price, Body.</extracomment>
        <translation>faltan las columnas {columns}</translation>
    </message>
    <message>
        <source>missing column {columns}</source>
        <translation>falta la columna {columns}</translation>
    </message>
    <message>
        <source>no such message-log field: {fields}</source>
        <translation>no existe ese campo del registro de mensajes: {fields}</translation>
    </message>
    <message>
        <source>choose the column that holds: {fields}</source>
        <translation>elija la columna que contiene: {fields}</translation>
    </message>
    <message>
        <source>the file has no column {column}</source>
        <translation>el archivo no tiene la columna {column}</translation>
    </message>
    <message>
        <source>column {column} cannot hold both {field} and {other}</source>
        <translation>la columna {column} no puede contener a la vez {field} y {other}</translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <extracomment>Texts per transaction: a crash keeps whole chunks, and a re-run skips them by message id. The Twilio Console export&apos;s columns (DESIGN §4); `models.message_layout` knows the others. Outbound texts read: every Direction that starts with &quot;outbound&quot; (Twilio&apos;s outbound-api, outbound-reply and outbound-call — a text sent during a call is a text). Outbound texts not kept: sent while their number was not STOP-locked (R23). Outbound texts kept by this import (R23): the one confirmation after a STOP, and texts sent after opt-out; and those an earlier import or sync kept already. The clients whose record gained a STOP confirmation (R23), and its events.</extracomment>
        <translation>{path}: {problem}</translation>
    </message>
    <message>
        <source>{column} {value} is neither inbound nor outbound</source>
        <translation>{column} {value} no es ni recibido ni enviado</translation>
    </message>
    <message>
        <source>{column} is empty</source>
        <translation>{column} está vacío</translation>
    </message>
    <message>
        <source>an outbound text, and no column was chosen for To</source>
        <translation>un mensaje enviado, y no se eligió ninguna columna para To</translation>
    </message>
    <message>
        <source>Twilio account {account} (API key {key})</source>
        <extracomment>Seconds to wait for Twilio&apos;s answer before calling it unreachable (the library waits forever). The HTTP client the twilio library uses; None: its own (requests), with TIMEOUT_SECONDS.</extracomment>
        <translation>cuenta de Twilio {account} (clave de API {key})</translation>
    </message>
    <message>
        <source>Twilio account {account}</source>
        <translation>cuenta de Twilio {account}</translation>
    </message>
    <message>
        <source>the account SID is AC followed by 32 letters and digits (Twilio Console ▸ Account info)</source>
        <translation>el SID de la cuenta es AC seguido de 32 letras y dígitos (Twilio Console ▸ Account info)</translation>
    </message>
    <message>
        <source>an API key SID is SK followed by 32 letters and digits</source>
        <translation>el SID de una clave de API es SK seguido de 32 letras y dígitos</translation>
    </message>
    <message>
        <source>the API key secret is empty</source>
        <translation>el secreto de la clave de API está vacío</translation>
    </message>
    <message>
        <source>the auth token is empty</source>
        <translation>el token de autenticación está vacío</translation>
    </message>
    <message>
        <source>no texting provider is connected (Manage ▸ Texting provider)</source>
        <translation>no hay ningún proveedor de mensajes de texto conectado (Administrar ▸ Proveedor de mensajes de texto)</translation>
    </message>
    <message>
        <source>the secret of {account} is not kept on this computer; connect it here (Manage ▸ Texting provider)</source>
        <translation>el secreto de {account} no está guardado en esta computadora; conéctela aquí (Administrar ▸ Proveedor de mensajes de texto)</translation>
    </message>
    <message>
        <source>the Twilio account is {status}, not active</source>
        <translation>la cuenta de Twilio está en estado {status}, no activa</translation>
    </message>
    <message>
        <source>cannot reach Twilio ({error}); check this computer&apos;s internet connection</source>
        <translation>no se puede conectar con Twilio ({error}); revise la conexión a internet de esta computadora</translation>
    </message>
    <message>
        <source>Twilio: {error}</source>
        <translation>Twilio: {error}</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer could not be read (cut off?); try again later</source>
        <translation>no se pudo leer la respuesta de Twilio (¿llegó cortada?); inténtelo más tarde</translation>
    </message>
    <message>
        <source>Twilio refused the credentials (HTTP {status}: {error}); check them in Manage ▸ Texting provider</source>
        <translation>Twilio rechazó las credenciales (HTTP {status}: {error}); revíselas en Administrar ▸ Proveedor de mensajes de texto</translation>
    </message>
    <message>
        <source>Twilio knows no such account (HTTP 404: {error}); check the account SID</source>
        <translation>Twilio no conoce esa cuenta (HTTP 404: {error}); revise el SID de la cuenta</translation>
    </message>
    <message>
        <source>Twilio answered HTTP {status} ({error}); try again later</source>
        <translation>Twilio respondió HTTP {status} ({error}); inténtelo más tarde</translation>
    </message>
    <message>
        <source>the {count} newest messages ({pages} page) were applied, older ones were not fetched — the next sync fetches them again</source>
        <extracomment>Fetched again before the newest date sent on file: a message the provider lists late is not missed at the boundary (ids already on file are skipped). How far back the first sync looks when nothing is on file; older history: `sync --since` or File ▸ Import message log. Messages per request: Twilio&apos;s largest page. Tries of a page that failed for a passing reason (network, HTTP 429 or 5xx). Seconds before the second try; doubled for each one after. (messages fetched, messages applied, messages to apply): applied and total are 0 while fetching. Outbound texts the provider has not sent yet (no date sent): the next sync sees them.</extracomment>
        <translation>se aplicaron los {count} mensajes más recientes ({pages} página), los anteriores no se descargaron — la próxima sincronización los vuelve a descargar</translation>
    </message>
    <message>
        <source>the {count} newest messages ({pages} pages) were applied, older ones were not fetched — the next sync fetches them again</source>
        <translation>se aplicaron los {count} mensajes más recientes ({pages} páginas), los anteriores no se descargaron — la próxima sincronización los vuelve a descargar</translation>
    </message>
    <message>
        <source>nothing was applied — the next sync tries again</source>
        <translation>no se aplicó nada — la próxima sincronización lo vuelve a intentar</translation>
    </message>
    <message>
        <source>No address</source>
        <translation>Sin dirección</translation>
    </message>
    <message>
        <source>All off</source>
        <translation>Todo desactivado</translation>
    </message>
    <message>
        <source>STOP-locked</source>
        <translation>Bloqueado por STOP</translation>
    </message>
    <message>
        <source>Marketing off</source>
        <translation>Marketing desactivado</translation>
    </message>
    <message>
        <source>Marketing on</source>
        <translation>Marketing activado</translation>
    </message>
    <message>
        <source>a report covers 1 to {most} months, not {months}</source>
        <extracomment>Longest history a report asks for: ten years of months. Staff turned a client&apos;s All or Marketing switch off (R3). A client&apos;s number was STOP-locked: a keyword (R6) or the Needs review queue (R10).</extracomment>
        <translation>un informe abarca de 1 a {most} meses, no {months}</translation>
    </message>
    <message>
        <source>the report lists 1 to {most} texts, not {limit}</source>
        <extracomment>When the client texted the STOP it followed (None when that text is not on file). The active clients on the number now. How many texts sent after opt-out the report lists (the count covers them all).</extracomment>
        <translation>el informe muestra de 1 a {most} mensajes, no {limit}</translation>
    </message>
    <message>
        <source>this text was already applied by someone else</source>
        <extracomment>What staff may decide about a text that waits for review, and about a CANCEL flagged for a call. A decision someone else took first, as the refusal names it.</extracomment>
        <translation>otra persona ya aplicó el bloqueo por STOP de este mensaje</translation>
    </message>
    <message>
        <source>this text was already dismissed by someone else</source>
        <translation>otra persona ya descartó este mensaje</translation>
    </message>
    <message>
        <source>this text was already called by someone else</source>
        <translation>otra persona ya llamó al cliente por este mensaje</translation>
    </message>
    <message>
        <source>this text was already {state} by someone else</source>
        <extracomment>10 business days after it came, in the studio&apos;s time zone (R19); None for a CANCEL. How long ago it came. Still open after its due date. A bare CANCEL: it locked the number, and may have meant an appointment (R10).</extracomment>
        <translation>otra persona ya resolvió este mensaje ({state})</translation>
    </message>
    <message>
        <source>a CANCEL that already locked the number</source>
        <translation>un CANCEL que ya bloqueó el número</translation>
    </message>
    <message>
        <source>a text waiting for review</source>
        <translation>un mensaje por revisar</translation>
    </message>
    <message>
        <source>“{action}” is not a decision for {what} (choose {choices})</source>
        <translation>“{action}” no es una decisión para {what} (elija {choices})</translation>
    </message>
    <message>
        <source>unknown review decision {action} ({choices})</source>
        <translation>decisión de revisión desconocida {action} ({choices})</translation>
    </message>
    <message>
        <source>no message with id {id}</source>
        <translation>no hay ningún mensaje con id. {id}</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Phone calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Home phone</source>
        <translation>Teléfono de casa</translation>
    </message>
    <message>
        <source>email</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>mobile number</source>
        <translation>número de celular</translation>
    </message>
    <message>
        <source>home phone</source>
        <translation>teléfono de casa</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Stacks</source>
        <translation>Secuencias</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <source>Booking help</source>
        <translation>Ayuda con citas</translation>
    </message>
    <message>
        <source>Hailee outreach</source>
        <translation>Hailee: mensajes propios</translation>
    </message>
    <message>
        <source>Hailee replies</source>
        <translation>Hailee: respuestas</translation>
    </message>
    <message>
        <source>This number texted STOP: only the client can turn SMS back on, by texting START</source>
        <extracomment>The refusal of SMS on a number that texted STOP (R7), whoever asks.</extracomment>
        <translation>Este número envió STOP: solo el cliente puede volver a activar SMS, enviando START</translation>
    </message>
    <message>
        <source>No {address} on file, so {channel} has no switches</source>
        <translation>No hay {address} registrado, así que {channel} no tiene interruptores</translation>
    </message>
    <message>
        <source>{channel} Marketing can be on only while {channel} All is on</source>
        <translation>Marketing de {channel} solo puede estar activado mientras Todo de {channel} esté activado</translation>
    </message>
    <message>
        <source>held — a possible opt-out waits for review</source>
        <extracomment>When held kinds may go out, by the recipient&apos;s local weekday (Monday first): a (from, until) window, or None for a day without one. The federal one is every day 8 a.m.–9 p.m.; the stricter ones of the states are in models/quiet_hours.py. Held by quiet hours until then (R17). Held while a text from the number waits in Needs review (R19): until staff decide, so there is no time to show. Marketing to a number whose text waits in Needs review (R19).</extracomment>
        <translation>en espera — una posible baja está por revisar</translation>
    </message>
    <message>
        <source>Client is archived</source>
        <translation>El cliente está archivado</translation>
    </message>
    <message>
        <source>No {address} on file</source>
        <translation>No hay {address} registrado</translation>
    </message>
    <message>
        <source>SMS All is off — client texted STOP</source>
        <translation>Todo de SMS está desactivado — el cliente envió STOP</translation>
    </message>
    <message>
        <source>{channel} All is off</source>
        <translation>Todo de {channel} está desactivado</translation>
    </message>
    <message>
        <source>Marketing is off</source>
        <translation>Marketing está desactivado</translation>
    </message>
    <message>
        <source>AI assistant is off for the studio</source>
        <translation>El asistente de IA está desactivado para el estudio</translation>
    </message>
    <message>
        <source>Hailee outreach is off for the studio (staff tasks instead)</source>
        <translation>Los mensajes propios de Hailee están desactivados para el estudio (en su lugar, tareas para el personal)</translation>
    </message>
    <message>
        <source>Hailee outreach is off for this client</source>
        <translation>Los mensajes propios de Hailee están desactivados para este cliente</translation>
    </message>
    <message>
        <source>Hailee message reply is off for the studio</source>
        <translation>Las respuestas de Hailee a mensajes están desactivadas para el estudio</translation>
    </message>
    <message>
        <source>Hailee replies are on for members only</source>
        <translation>Las respuestas de Hailee están activadas solo para miembros</translation>
    </message>
    <message>
        <source>Hailee replies are off for this client</source>
        <translation>Las respuestas de Hailee están desactivadas para este cliente</translation>
    </message>
    <message>
        <source>held until {time} local time</source>
        <translation>en espera hasta las {time}, hora local</translation>
    </message>
    <message>
        <source>in {path}, a file only you can read (this computer has no password keyring)</source>
        <extracomment>Set to &quot;file&quot; to keep secrets in the private file even where a keyring exists (tests, kiosks).</extracomment>
        <translation>en {path}, un archivo que solo usted puede leer (esta computadora no tiene llavero de contraseñas)</translation>
    </message>
    <message>
        <source>in this computer&apos;s password keyring</source>
        <translation>en el llavero de contraseñas de esta computadora</translation>
    </message>
    <message>
        <source>AI assistant enabled</source>
        <extracomment>The AI settings a manager may change, with the words the screen and the record use.</extracomment>
        <translation>Asistente de IA activado</translation>
    </message>
    <message>
        <source>Stack and task outreach</source>
        <translation>Mensajes de secuencias y tareas</translation>
    </message>
    <message>
        <source>Message reply</source>
        <translation>Respuesta a mensajes</translation>
    </message>
    <message>
        <source>Message reply for members</source>
        <translation>Respuesta a mensajes de miembros</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>Tiempo de respuesta</translation>
    </message>
    <message>
        <source>Response time (minutes)</source>
        <translation>Tiempo de respuesta (minutos)</translation>
    </message>
    <message>
        <source>the studio needs a name</source>
        <extracomment>Minutes without input before a window returns to sign-in; 0 never (shared desk).</extracomment>
        <translation>el estudio necesita un nombre</translation>
    </message>
    <message>
        <source>the studio&apos;s name is longer than 120 characters</source>
        <translation>el nombre del estudio tiene más de 120 caracteres</translation>
    </message>
    <message>
        <source>{name} is not a time zone (e.g. America/New_York)</source>
        <translation>{name} no es una zona horaria (p. ej. America/New_York)</translation>
    </message>
    <message>
        <source>unknown AI setting {name}</source>
        <translation>ajuste de IA desconocido {name}</translation>
    </message>
    <message>
        <source>{setting} is on or off, not {value}</source>
        <translation>{setting} está activado o desactivado, no {value}</translation>
    </message>
    <message>
        <source>response time is dynamic, instant or fixed</source>
        <translation>el tiempo de respuesta es dynamic, instant o fixed</translation>
    </message>
    <message>
        <source>fixed response time is 1 to 1440 minutes</source>
        <translation>el tiempo de respuesta fijo es de 1 a 1440 minutos</translation>
    </message>
    <message>
        <source>The studio&apos;s AI settings were changed on another workstation. They have been reloaded; please check and try again.</source>
        <translation>Los ajustes de IA del estudio se cambiaron en otra computadora. Se volvieron a cargar; revíselos e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>the idle lock is {low} (never) to {high} minutes, not {minutes}</source>
        <extracomment>The idle lock&apos;s range in minutes: 0 (never) up to a working day.</extracomment>
        <translation>el bloqueo por inactividad es de {low} (nunca) a {high} minutos, no {minutes}</translation>
    </message>
    <message>
        <source>The studio&apos;s settings were changed on another workstation. They have been reloaded; please check and try again.</source>
        <translation>Los ajustes del estudio se cambiaron en otra computadora. Se volvieron a cargar; revíselos e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>a staff member needs a name</source>
        <extracomment>argon2id&apos;s cost: RFC 9106&apos;s second recommended setting (3 passes over 64 MiB, 4 lanes), about 0.15-0.2 s a check on a 2-core desk PC. What that costs someone who copies the file (README, &quot;PINs&quot;): every guess needs 64 MiB and that time, so all 4-digit PINs take about half an hour of one core, all 6-digit ones about two days. A sign-in that finds a stored hash made at another cost stores it again at this one. The earlier release&apos;s scrypt cost, only to check PINs stored before argon2id.</extracomment>
        <translation>un miembro del personal necesita un nombre</translation>
    </message>
    <message>
        <source>a staff member&apos;s name is longer than 120 characters</source>
        <translation>el nombre del miembro del personal tiene más de 120 caracteres</translation>
    </message>
    <message>
        <source>a PIN is 4 to 8 digits</source>
        <translation>un PIN tiene de 4 a 8 dígitos</translation>
    </message>
    <message>
        <source>unknown role {role} (owner, manager or employee)</source>
        <translation>rol desconocido {role} (owner, manager o employee)</translation>
    </message>
    <message>
        <source>only an owner can add staff accounts</source>
        <translation>solo un Propietario puede agregar cuentas del personal</translation>
    </message>
    <message>
        <source>the studio&apos;s first account is its owner</source>
        <translation>la primera cuenta del estudio es la de su Propietario</translation>
    </message>
    <message>
        <source>a staff member named {name} already exists</source>
        <translation>ya existe un miembro del personal llamado {name}</translation>
    </message>
    <message>
        <source>no such staff member</source>
        <extracomment>Sign-in is locked after repeated wrong PINs until this time (None when it is not).</extracomment>
        <translation>ese miembro del personal no existe</translation>
    </message>
    <message>
        <source>the studio&apos;s last owner cannot be deactivated</source>
        <translation>no se puede desactivar al último Propietario del estudio</translation>
    </message>
    <message>
        <source>you cannot deactivate your own account; another owner can</source>
        <translation>no puede desactivar su propia cuenta; otro Propietario puede hacerlo</translation>
    </message>
    <message>
        <source>Wrong PIN. After {attempts} wrong PINs, sign-in for {name} is locked until {time} ({left}).</source>
        <translation>PIN incorrecto. Después de {attempts} PIN incorrectos, el inicio de sesión de {name} queda bloqueado hasta las {time} ({left}).</translation>
    </message>
    <message>
        <source>Wrong PIN. {left} more try before sign-in is locked for {lockout} minutes.</source>
        <translation>PIN incorrecto. Le queda {left} intento antes de que el inicio de sesión se bloquee durante {lockout} minutos.</translation>
    </message>
    <message>
        <source>Wrong PIN. {left} more tries before sign-in is locked for {lockout} minutes.</source>
        <translation>PIN incorrecto. Le quedan {left} intentos antes de que el inicio de sesión se bloquee durante {lockout} minutos.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in for {name} is locked until {time} ({left}).</source>
        <translation>Demasiados PIN incorrectos: el inicio de sesión de {name} está bloqueado hasta las {time} ({left}).</translation>
    </message>
    <message>
        <source>in {minutes} minute</source>
        <translation>en {minutes} minuto</translation>
    </message>
    <message>
        <source>in {minutes} minutes</source>
        <translation>en {minutes} minutos</translation>
    </message>
    <message>
        <source>this staff account no longer exists; sign in again</source>
        <translation>esta cuenta del personal ya no existe; vuelva a iniciar sesión</translation>
    </message>
    <message>
        <source>only an owner can do this</source>
        <translation>solo un Propietario puede hacer esto</translation>
    </message>
    <message>
        <source>only a manager or owner can do this</source>
        <translation>solo un Gerente o un Propietario puede hacer esto</translation>
    </message>
    <message>
        <source>another sync has been running since {time} UTC; it brings the same messages</source>
        <extracomment>A lease not renewed for this long belongs to a sync that died; another may take it. When a sync or an import last brought messages: the newer of the last successful sync and the newest inbound text processed. None: never. R24: neither a sync nor an import has brought messages for more than one business day.</extracomment>
        <translation>otra sincronización está en curso desde las {time} UTC; trae los mismos mensajes</translation>
    </message>
    <message>
        <source>time is empty</source>
        <extracomment>The times a person or a provider may give (`--at`, a log&apos;s SentDate). How far ahead of this computer&apos;s clock a provider&apos;s time may be and still be believed to be a clock or time-zone mistake (it is then recorded as received now, R11); further ahead it is a typo — a wrong year, day and month swapped — and the row is refused.</extracomment>
        <translation>la hora está vacía</translation>
    </message>
    <message>
        <source>time {value} is out of range</source>
        <translation>la hora {value} está fuera de rango</translation>
    </message>
    <message>
        <source>time {value}</source>
        <translation>la hora {value}</translation>
    </message>
    <message>
        <source>{what} {time}Z is more than a day in the future</source>
        <translation>{what} {time}Z está más de un día en el futuro</translation>
    </message>
    <message>
        <source>{what} has no time zone</source>
        <translation>{what} no tiene zona horaria</translation>
    </message>
    <message>
        <source>{what} is not between {first} and {last}</source>
        <translation>{what} no está entre {first} y {last}</translation>
    </message>
    <message>
        <source>time {value} is not a date and time like 2026-11-30 14:05</source>
        <translation>la hora {value} no es una fecha y hora como 2026-11-30 14:05</translation>
    </message>
    <message>
        <source>{items}, {item}</source>
        <extracomment>The context translations of the model layer&apos;s texts live under in the `.ts` file. lupdate files `say(...)` texts under the empty context (it is told `say` is `QT_TR_NOOP`).</extracomment>
        <translation>{items}, {item}</translation>
    </message>
    <message>
        <source>the PostgreSQL database {name} on {host}</source>
        <extracomment>The name the studio server&apos;s password is kept under (models.secret_store). Seconds a server that does not answer is waited for before it is said to be unreachable.</extracomment>
        <translation>la base de datos PostgreSQL {name} en {host}</translation>
    </message>
    <message>
        <source>the demo studio ({path})</source>
        <translation>el estudio de demostración ({path})</translation>
    </message>
    <message>
        <source>type the server&apos;s name or address</source>
        <translation>escriba el nombre o la dirección del servidor</translation>
    </message>
    <message>
        <source>the port {port} is not a number</source>
        <translation>el puerto {port} no es un número</translation>
    </message>
    <message>
        <source>a port is a number from 1 to 65535</source>
        <translation>un puerto es un número de 1 a 65535</translation>
    </message>
    <message>
        <source>type the name of the studio&apos;s database</source>
        <translation>escriba el nombre de la base de datos del estudio</translation>
    </message>
    <message>
        <source>type the user name to connect as</source>
        <translation>escriba el nombre de usuario con el que se conectará</translation>
    </message>
    <message>
        <source>a server URL starts with postgresql://</source>
        <translation>la URL de un servidor empieza con postgresql://</translation>
    </message>
    <message>
        <source>the URL&apos;s port is not a number from 1 to 65535</source>
        <translation>el puerto de la URL no es un número de 1 a 65535</translation>
    </message>
    <message>
        <source>Connected to {database}. It is empty: Opt-In Desk makes its tables when it first opens it.</source>
        <translation>Conectado a {database}. Está vacía: Opt-In Desk crea sus tablas la primera vez que la abre.</translation>
    </message>
    <message>
        <source>Connected to {database}. It holds an Opt-In Desk studio.</source>
        <translation>Conectado a {database}. Contiene un estudio de Opt-In Desk.</translation>
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
        <translation type="unfinished">Bloqueado por STOP</translation>
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
        <translation type="unfinished">Hailee: mensajes propios</translation>
    </message>
    <message>
        <source>Hailee replies</source>
        <translation type="unfinished">Hailee: respuestas</translation>
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
