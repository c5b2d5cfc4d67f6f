<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name></name>
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
        <translation>los SMS empiezan desactivados y bloqueados para este cliente</translation>
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
        <translation>los SMS quedarán desactivados y bloqueados para este cliente</translation>
    </message>
    <message>
        <source>The STOP belongs to the old number {number}, which stays locked; SMS comes back on for the new number.</source>
        <translation>El STOP pertenece al número anterior {number}, que sigue bloqueado; los SMS se vuelven a activar para el número nuevo.</translation>
    </message>
    <message>
        <source>Consent to marketing names a number: {channels} Marketing stays with {number} and goes back to the studio&apos;s default (off) for the new number. Record new consent on the profile if the client gives it.</source>
        <translation>El consentimiento para marketing corresponde a un número: Marketing de {channels} se queda con {number} y vuelve al valor predeterminado del estudio (desactivado) para el número nuevo. Registre un nuevo consentimiento en el perfil si el cliente lo da.</translation>
    </message>
    <message>
        <source>Consent to marketing names a number: {channels} Marketing stay with {number} and go back to the studio&apos;s default (off) for the new number. Record new consent on the profile if the client gives it.</source>
        <translation>El consentimiento para marketing corresponde a un número: los interruptores Marketing de {channels} se quedan con {number} y vuelven al valor predeterminado del estudio (desactivado) para el número nuevo. Registre un nuevo consentimiento en el perfil si el cliente lo da.</translation>
    </message>
    <message>
        <source>{items} and {last}</source>
        <translation>{items} y {last}</translation>
    </message>
    <message>
        <source>{number} texted STOP: {what}. Only the client can turn it back on, by texting START.</source>
        <translation>{number} envió STOP: {what}. Solo el cliente puede volver a activarlos, enviando START.</translation>
    </message>
    <message>
        <source>{number} texted STOP on {day}: {what}. Only the client can turn it back on, by texting START.</source>
        <translation>{number} envió STOP el {day}: {what}. Solo el cliente puede volver a activarlos, enviando START.</translation>
    </message>
    <message>
        <source>Jan</source>
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
        <translation>Formulario firmado</translation>
    </message>
    <message>
        <source>Online form</source>
        <translation>Formulario en línea</translation>
    </message>
    <message>
        <source>In person</source>
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
        <translation>la base de datos PostgreSQL {name}</translation>
    </message>
    <message>
        <source>{path} cannot be created: {error}</source>
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
        <translation>{place} tiene el esquema {version} y este Opt-In Desk necesita el {needed}, que este usuario no tiene permiso para crear</translation>
    </message>
    <message>
        <source>open it once as the database&apos;s owner (e.g. `optin-desk verify-audit --database-url postgresql://OWNER@HOST/DB`), then try again</source>
        <translation>ábrala una vez como propietario de la base de datos (p. ej. `optin-desk verify-audit --database-url postgresql://OWNER@HOST/DB`) y luego inténtelo de nuevo</translation>
    </message>
    <message>
        <source>{place} is not an Opt-In Desk database (not a SQLite file)</source>
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
        <source>message id is empty</source>
        <translation>el id. del mensaje está vacío</translation>
    </message>
    <message>
        <source>time</source>
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
        <translation>un informe abarca de 1 a {most} meses, no {months}</translation>
    </message>
    <message>
        <source>the report lists 1 to {most} texts, not {limit}</source>
        <translation>el informe muestra de 1 a {most} mensajes, no {limit}</translation>
    </message>
    <message>
        <source>this text was already applied by someone else</source>
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
        <translation>Este número envió STOP: solo el cliente puede volver a activar los SMS, enviando START</translation>
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
        <translation>retenido — una posible baja está por revisar</translation>
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
        <translation>retenido hasta las {time}, hora local</translation>
    </message>
    <message>
        <source>in {path}, a file only you can read (this computer has no password keyring)</source>
        <translation>en {path}, un archivo que solo usted puede leer (esta computadora no tiene llavero de contraseñas)</translation>
    </message>
    <message>
        <source>in this computer&apos;s password keyring</source>
        <translation>en el llavero de contraseñas de esta computadora</translation>
    </message>
    <message>
        <source>AI assistant enabled</source>
        <translation>Asistente de IA activado</translation>
    </message>
    <message>
        <source>Stack and task outreach</source>
        <translation>Mensajes de secuencias y tareas</translation>
    </message>
    <message>
        <source>Message reply</source>
        <translation>Responder mensajes</translation>
    </message>
    <message>
        <source>Message reply for members</source>
        <translation>Responder mensajes de miembros</translation>
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
        <translation>La configuración de IA del estudio se cambió en otra computadora. Se volvió a cargar; revísela e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>the idle lock is {low} (never) to {high} minutes, not {minutes}</source>
        <translation>el bloqueo por inactividad es de {low} (nunca) a {high} minutos, no {minutes}</translation>
    </message>
    <message>
        <source>The studio&apos;s settings were changed on another workstation. They have been reloaded; please check and try again.</source>
        <translation>La configuración del estudio se cambió en otra computadora. Se volvió a cargar; revísela e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>a staff member needs a name</source>
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
        <translation>solo un propietario puede agregar cuentas del personal</translation>
    </message>
    <message>
        <source>the studio&apos;s first account is its owner</source>
        <translation>la primera cuenta del estudio es la de su propietario</translation>
    </message>
    <message>
        <source>a staff member named {name} already exists</source>
        <translation>ya existe un miembro del personal llamado {name}</translation>
    </message>
    <message>
        <source>no such staff member</source>
        <translation>ese miembro del personal no existe</translation>
    </message>
    <message>
        <source>the studio&apos;s last owner cannot be deactivated</source>
        <translation>no se puede desactivar al último propietario del estudio</translation>
    </message>
    <message>
        <source>you cannot deactivate your own account; another owner can</source>
        <translation>no puede desactivar su propia cuenta; otro propietario puede hacerlo</translation>
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
        <translation>solo un propietario puede hacer esto</translation>
    </message>
    <message>
        <source>only a manager or owner can do this</source>
        <translation>solo un gerente o un propietario puede hacer esto</translation>
    </message>
    <message>
        <source>another sync has been running since {time} UTC; it brings the same messages</source>
        <translation>otra sincronización está en curso desde las {time} UTC; trae los mismos mensajes</translation>
    </message>
    <message>
        <source>time is empty</source>
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
        <translation>{items}, {item}</translation>
    </message>
    <message>
        <source>the PostgreSQL database {name} on {host}</source>
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
    <message>
        <source>{path} is a folder, not a database file</source>
        <translation>{path} es una carpeta, no un archivo de base de datos</translation>
    </message>
    <message>
        <source>no database at {path} (create one with `{program} init` or `{program} demo`)</source>
        <translation>no hay ninguna base de datos en {path} (cree una con `{program} init` o `{program} demo`)</translation>
    </message>
    <message>
        <source>{column} {value!r} is not yes or no</source>
        <translation>{column}: {value!r} no es sí ni no</translation>
    </message>
    <message>
        <source>consent_method {method!r} is not one of {methods}</source>
        <translation>consent_method {method!r} no es ninguno de estos: {methods}</translation>
    </message>
    <message>
        <source>already on file as client {client_id}</source>
        <translation>ya está registrado como el cliente {client_id}</translation>
    </message>
    <message>
        <source>status {value!r} is not member or prospect</source>
        <translation>el estado {value!r} no es member ni prospect</translation>
    </message>
    <message>
        <source>a client needs a first or last name</source>
        <translation>un cliente necesita un nombre o un apellido</translation>
    </message>
    <message>
        <source>a name is longer than 120 characters</source>
        <translation>un nombre tiene más de 120 caracteres</translation>
    </message>
    <message>
        <source>marketing recorded as on needs a consent_method ({methods})</source>
        <translation>para registrar el marketing como activado se necesita un consent_method ({methods})</translation>
    </message>
    <message>
        <source>{name}: {error}</source>
        <translation>{name}: {error}</translation>
    </message>
    <message>
        <source>This mobile texted STOP: SMS marketing cannot be recorded as on. Only the client can turn SMS back on, by texting START.</source>
        <translation>Este celular envió STOP: el marketing por SMS no se puede registrar como activado. Solo el cliente puede volver a activar los SMS, enviando START.</translation>
    </message>
    <message>
        <source>no client with id {client_id}</source>
        <translation>no hay ningún cliente con el id {client_id}</translation>
    </message>
    <message>
        <source>this client was changed elsewhere; it has been reloaded</source>
        <translation>este cliente se modificó en otra parte; se volvió a cargar</translation>
    </message>
    <message>
        <source>phone number is empty</source>
        <translation>el número de teléfono está vacío</translation>
    </message>
    <message>
        <source>phone number {raw!r} contains letters</source>
        <translation>el número de teléfono {raw!r} contiene letras</translation>
    </message>
    <message>
        <source>phone number {raw!r} is not a phone number</source>
        <translation>{raw!r} no es un número de teléfono</translation>
    </message>
    <message>
        <source>phone number {raw!r} is too short</source>
        <translation>el número de teléfono {raw!r} es demasiado corto</translation>
    </message>
    <message>
        <source>phone number {raw!r} is too long</source>
        <translation>el número de teléfono {raw!r} es demasiado largo</translation>
    </message>
    <message>
        <source>phone number {raw!r} has no area code</source>
        <translation>al número de teléfono {raw!r} le falta el código de área</translation>
    </message>
    <message>
        <source>phone number {raw!r} has an unknown country code</source>
        <translation>el número de teléfono {raw!r} tiene un código de país desconocido</translation>
    </message>
    <message>
        <source>phone number {raw!r} is not a possible phone number</source>
        <translation>el número de teléfono {raw!r} no es un número posible</translation>
    </message>
    <message>
        <source>email address is empty</source>
        <translation>el correo electrónico está vacío</translation>
    </message>
    <message>
        <source>email address {raw!r} is not valid: {error}</source>
        <translation>el correo electrónico {raw!r} no es válido: {error}</translation>
    </message>
</context>
<context>
    <name>AfterStopSection</name>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>First words</source>
        <translation>Primeras palabras</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>None found: no text went to a number after it texted STOP.</source>
        <translation>No se encontró ninguno: no se envió ningún mensaje a un número después de que envió STOP.</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviándose</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>entregado</translation>
    </message>
    <message>
        <source>undelivered</source>
        <translation>no entregado</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>Texts sent after opt-out</source>
        <translation>Mensajes enviados tras la baja</translation>
    </message>
    <message>
        <source>Texts to a number after it texted STOP, beyond the one confirmation allowed within 5 minutes: a tool that kept texting.</source>
        <translation>Mensajes a un número después de que envió STOP, además de la única confirmación permitida en 5 minutos: una herramienta que siguió enviando mensajes.</translation>
    </message>
    <message>
        <source>Texts sent after opt-out, newest first</source>
        <translation>Mensajes enviados tras la baja, los más recientes primero</translation>
    </message>
    <message numerus="yes">
        <source>%Ln text(s) sent after the client texted STOP.</source>
        <translation>
            <numerusform>%Ln mensaje enviado después de que el cliente envió STOP.</numerusform>
            <numerusform>%Ln mensajes enviados después de que el cliente envió STOP.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln text(s) sent after the client texted STOP — the newest {shown} listed.</source>
        <translation>
            <numerusform>%Ln mensaje enviado después de que el cliente envió STOP — se muestran los {shown} más recientes.</numerusform>
            <numerusform>%Ln mensajes enviados después de que el cliente envió STOP — se muestran los {shown} más recientes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The client texted STOP {when}.</source>
        <translation>El cliente envió STOP el {when}.</translation>
    </message>
    <message>
        <source>The STOP it followed is not on file.</source>
        <translation>No hay registro del STOP al que siguió.</translation>
    </message>
    <message>
        <source>Sent {when}. {stopped} Message id: {sid}</source>
        <translation>Enviado el {when}. {stopped} Id. del mensaje: {sid}</translation>
    </message>
</context>
<context>
    <name>AiControlsSection</name>
    <message>
        <source>Hailee may start conversations: stacks and follow-ups.</source>
        <translation>Hailee puede iniciar conversaciones: secuencias y seguimientos.</translation>
    </message>
    <message>
        <source>Lets Hailee, the studio&apos;s AI assistant, start conversations with this client, where the Opt-In switches allow marketing.</source>
        <translation>Permite que Hailee, el asistente de IA del estudio, inicie conversaciones con este cliente, siempre que los interruptores de Opt-In permitan el marketing.</translation>
    </message>
    <message>
        <source>Hailee may answer this client&apos;s messages.</source>
        <translation>Hailee puede responder los mensajes de este cliente.</translation>
    </message>
    <message>
        <source>Lets Hailee, the studio&apos;s AI assistant, answer this client&apos;s messages, where the Opt-In switches allow the channel.</source>
        <translation>Permite que Hailee, el asistente de IA del estudio, responda los mensajes de este cliente, siempre que los interruptores de Opt-In permitan el canal.</translation>
    </message>
    <message>
        <source>Hailee (AI assistant)</source>
        <translation>Hailee (asistente de IA)</translation>
    </message>
    <message>
        <source>Controls Hailee only. These switches do not change the client&apos;s legal consent.</source>
        <translation>Solo controla a Hailee. Estos interruptores no cambian el consentimiento legal del cliente.</translation>
    </message>
    <message>
        <source>It controls Hailee only and does not change the client&apos;s legal consent (Opt-In).</source>
        <translation>Solo controla a Hailee y no cambia el consentimiento legal del cliente (Opt-In).</translation>
    </message>
    <message>
        <source>Studio-wide AI settings are changed by a manager or the owner.</source>
        <translation>La configuración de IA de todo el estudio la cambia un gerente o el propietario.</translation>
    </message>
    <message>
        <source>AI assistant is off for the whole studio (manager setting).</source>
        <translation>El asistente de IA está desactivado para todo el estudio (lo configura un gerente).</translation>
    </message>
    <message>
        <source>Hailee outreach is off for the whole studio: outreach becomes staff tasks (manager setting).</source>
        <translation>Los mensajes propios de Hailee están desactivados para todo el estudio: pasan a ser tareas del personal (lo configura un gerente).</translation>
    </message>
    <message>
        <source>Hailee replies to members only (manager setting).</source>
        <translation>Hailee responde solo a miembros (lo configura un gerente).</translation>
    </message>
    <message>
        <source>Hailee replies are off for the whole studio (manager setting).</source>
        <translation>Las respuestas de Hailee están desactivadas para todo el estudio (lo configura un gerente).</translation>
    </message>
</context>
<context>
    <name>AiSettingsDialog</name>
    <message>
        <source>AI assistant enabled</source>
        <translation>Asistente de IA activado</translation>
    </message>
    <message>
        <source>Master switch. While it is off Hailee sends nothing, to anyone.</source>
        <translation>Interruptor general. Mientras está desactivado, Hailee no envía nada a nadie.</translation>
    </message>
    <message>
        <source>Turns Hailee, the studio&apos;s AI assistant, on or off for every client. It controls Hailee only and does not change any client&apos;s legal consent (Opt-In).</source>
        <translation>Activa o desactiva a Hailee, el asistente de IA del estudio, para todos los clientes. Solo controla a Hailee y no cambia el consentimiento legal de ningún cliente (Opt-In).</translation>
    </message>
    <message>
        <source>Stack and task outreach</source>
        <translation>Mensajes de secuencias y tareas</translation>
    </message>
    <message>
        <source>Hailee may start conversations: stacks and follow-ups. Off: outreach becomes tasks for the staff.</source>
        <translation>Hailee puede iniciar conversaciones: secuencias y seguimientos. Desactivado: esos mensajes pasan a ser tareas para el personal.</translation>
    </message>
    <message>
        <source>Lets Hailee start conversations with clients where their Opt-In allows marketing. It controls Hailee only and does not change any client&apos;s legal consent (Opt-In).</source>
        <translation>Permite que Hailee inicie conversaciones con los clientes cuyo Opt-In permite marketing. Solo controla a Hailee y no cambia el consentimiento legal de ningún cliente (Opt-In).</translation>
    </message>
    <message>
        <source>Message reply</source>
        <translation>Responder mensajes</translation>
    </message>
    <message>
        <source>Hailee may answer messages in all conversations.</source>
        <translation>Hailee puede responder mensajes en todas las conversaciones.</translation>
    </message>
    <message>
        <source>Lets Hailee answer every client&apos;s messages where their Opt-In allows the channel. It controls Hailee only and does not change any client&apos;s legal consent (Opt-In).</source>
        <translation>Permite que Hailee responda los mensajes de todos los clientes cuyo Opt-In permite el canal. Solo controla a Hailee y no cambia el consentimiento legal de ningún cliente (Opt-In).</translation>
    </message>
    <message>
        <source>Message reply for members</source>
        <translation>Responder mensajes de miembros</translation>
    </message>
    <message>
        <source>While Message reply is off, Hailee still answers members.</source>
        <translation>Mientras Responder mensajes está desactivado, Hailee sigue respondiendo a los miembros.</translation>
    </message>
    <message>
        <source>Lets Hailee answer members&apos; messages when Message reply is off. It controls Hailee only and does not change any client&apos;s legal consent (Opt-In).</source>
        <translation>Permite que Hailee responda los mensajes de los miembros cuando Responder mensajes está desactivado. Solo controla a Hailee y no cambia el consentimiento legal de ningún cliente (Opt-In).</translation>
    </message>
    <message>
        <source>Off while the AI assistant is off.</source>
        <translation>Desactivado mientras el asistente de IA está desactivado.</translation>
    </message>
    <message>
        <source>Off while the AI assistant is off. On again with it.</source>
        <translation>Desactivado mientras el asistente de IA está desactivado. Se vuelve a activar con él.</translation>
    </message>
    <message>
        <source>On while Message reply is on: Hailee answers everyone, members too.</source>
        <translation>Activado mientras Responder mensajes está activado: Hailee responde a todos, también a los miembros.</translation>
    </message>
    <message>
        <source>Dynamic</source>
        <translation>Dinámico</translation>
    </message>
    <message>
        <source>Hailee answers after a natural pause that suits the conversation.</source>
        <translation>Hailee responde tras una pausa natural que se ajusta a la conversación.</translation>
    </message>
    <message>
        <source>Instant</source>
        <translation>Inmediato</translation>
    </message>
    <message>
        <source>Hailee answers at once.</source>
        <translation>Hailee responde de inmediato.</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fijo</translation>
    </message>
    <message>
        <source>Hailee answers after a fixed number of minutes.</source>
        <translation>Hailee responde tras un número fijo de minutos.</translation>
    </message>
    <message>
        <source>Studio AI settings — Opt-In Desk</source>
        <translation>Configuración de IA del estudio — Opt-In Desk</translation>
    </message>
    <message>
        <source>Studio AI settings</source>
        <translation>Configuración de IA del estudio</translation>
    </message>
    <message>
        <source>How Hailee, the studio&apos;s AI assistant, works for every client. These settings control Hailee only: they do not change any client&apos;s legal consent, and each client&apos;s Opt-In switches still decide what Hailee may send.</source>
        <translation>Cómo funciona Hailee, el asistente de IA del estudio, para todos los clientes. Esta configuración solo controla a Hailee: no cambia el consentimiento legal de ningún cliente, y los interruptores de Opt-In de cada cliente siguen decidiendo lo que Hailee puede enviar.</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>Tiempo de respuesta</translation>
    </message>
    <message>
        <source>How soon Hailee answers a message. It controls Hailee only and does not change any client&apos;s legal consent (Opt-In).</source>
        <translation>Cuánto tarda Hailee en responder un mensaje. Solo controla a Hailee y no cambia el consentimiento legal de ningún cliente (Opt-In).</translation>
    </message>
    <message>
        <source>Response time (minutes)</source>
        <translation>Tiempo de respuesta (minutos)</translation>
    </message>
    <message>
        <source> min</source>
        <comment>minutes</comment>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes Hailee waits before answering (1 to {most}). It controls Hailee only and does not change any client&apos;s legal consent (Opt-In).</source>
        <translation>Minutos que Hailee espera antes de responder (de 1 a {most}). Solo controla a Hailee y no cambia el consentimiento legal de ningún cliente (Opt-In).</translation>
    </message>
    <message>
        <source>Could not read the studio&apos;s AI settings: {error}</source>
        <translation>No se pudo leer la configuración de IA del estudio: {error}</translation>
    </message>
    <message>
        <source>Not saved: {error}.</source>
        <translation>No se guardó: {error}.</translation>
    </message>
    <message>
        <source>Studio AI settings saved</source>
        <translation>Configuración de IA del estudio guardada</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>Between dates</source>
        <translation>Entre fechas</translation>
    </message>
    <message>
        <source>Client, staff member, number or note</source>
        <translation>Cliente, miembro del personal, número o nota</translation>
    </message>
    <message>
        <source>Search the audit log</source>
        <translation>Buscar en el registro de auditoría</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Todos los orígenes</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Dates are days in this computer&apos;s time zone, both included</source>
        <translation>Las fechas son días en la zona horaria de esta computadora, ambos incluidos</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Fecha inicial</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Fecha final</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <comment>date format</comment>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>to</source>
        <comment>between two dates</comment>
        <translation>a</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Sep 30, 2026, 12:59 p.m.</source>
        <translation>30 sept 2026, 12:59 p.m.</translation>
    </message>
    <message>
        <source>Mobile (SMS + Phone) – Marketing: off → on</source>
        <translation>Celular – Marketing: desactivado → activado</translation>
    </message>
    <message>
        <source>Audit log — Opt-In Desk</source>
        <translation>Registro de auditoría — Opt-In Desk</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>The consent record: every change of a switch, a STOP lock, an AI setting or a staff account, newest first. Events are never changed or deleted.</source>
        <translation>El registro de consentimiento: cada cambio de un interruptor, un bloqueo por STOP, un ajuste de IA o una cuenta del personal, los más recientes primero. Los eventos nunca se cambian ni se eliminan.</translation>
    </message>
    <message>
        <source>Show every client</source>
        <translation>Mostrar todos los clientes</translation>
    </message>
    <message>
        <source>Consent events</source>
        <translation>Eventos de consentimiento</translation>
    </message>
    <message>
        <source>&amp;Verify record</source>
        <translation>&amp;Verificar registro</translation>
    </message>
    <message>
        <source>Recompute every event&apos;s hash: shows whether any event was changed or removed since it was written</source>
        <translation>Vuelve a calcular el hash de cada evento: muestra si algún evento se cambió o eliminó desde que se escribió</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exportar CSV…</translation>
    </message>
    <message>
        <source>Write the events the filters select to a CSV file (managers and owners)</source>
        <translation>Escribe en un archivo CSV los eventos que seleccionan los filtros (gerentes y propietarios)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Exportar registro de auditoría</translation>
    </message>
    <message>
        <source>Not exported: {error}.</source>
        <translation>No se exportó: {error}.</translation>
    </message>
    <message>
        <source>Could not write {file}: {reason}.</source>
        <translation>No se pudo escribir {file}: {reason}.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln event(s) to {file}.</source>
        <translation>
            <numerusform>Se exportó %Ln evento a {file}.</numerusform>
            <numerusform>Se exportaron %Ln eventos a {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not check the record: {error}.</source>
        <translation>No se pudo verificar el registro: {error}.</translation>
    </message>
    <message numerus="yes">
        <source>Intact: %Ln event(s). Each one follows the event before it; none was changed or removed.</source>
        <translation>
            <numerusform>Intacto: %Ln evento. Cada uno sigue al evento anterior; ninguno se cambió ni se eliminó.</numerusform>
            <numerusform>Intacto: %Ln eventos. Cada uno sigue al evento anterior; ninguno se cambió ni se eliminó.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The record is broken at event {event}: {problem}. The %Ln event(s) before it are intact.</source>
        <translation>
            <numerusform>El registro está dañado en el evento {event}: {problem}. Antes de él, %Ln evento está intacto.</numerusform>
            <numerusform>El registro está dañado en el evento {event}: {problem}. Antes de él, %Ln eventos están intactos.</numerusform>
        </translation>
    </message>
    <message>
        <source>client {id}</source>
        <translation>cliente {id}</translation>
    </message>
    <message>
        <source>Client: {name}</source>
        <translation>Cliente: {name}</translation>
    </message>
    <message>
        <source>Audit log — {name} — Opt-In Desk</source>
        <translation>Registro de auditoría — {name} — Opt-In Desk</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) in the record.</source>
        <translation>
            <numerusform>%Ln evento en el registro.</numerusform>
            <numerusform>%Ln eventos en el registro.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) match.</source>
        <translation>
            <numerusform>%Ln evento coincide.</numerusform>
            <numerusform>%Ln eventos coinciden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing the newest {shown} of {total} events; more load as you scroll.</source>
        <translation>Se muestran los {shown} eventos más recientes de {total}; se cargan más al desplazarse.</translation>
    </message>
    <message>
        <source>Showing the newest {shown} events; more load as you scroll.</source>
        <translation>Se muestran los {shown} eventos más recientes; se cargan más al desplazarse.</translation>
    </message>
    <message>
        <source>Showing the newest {shown} matching events; more load as you scroll.</source>
        <translation>Se muestran los {shown} eventos coincidentes más recientes; se cargan más al desplazarse.</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Client: {name}</source>
        <translation>Cliente: {name}</translation>
    </message>
</context>
<context>
    <name>ChangeWatcher</name>
    <message>
        <source>Database unavailable — retrying</source>
        <translation>Base de datos no disponible; reintentando</translation>
    </message>
    <message>
        <source>Database available again</source>
        <translation>La base de datos está disponible de nuevo</translation>
    </message>
</context>
<context>
    <name>ClientActions</name>
    <message>
        <source>Select a client to edit first</source>
        <translation>Primero seleccione un cliente para editar</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>Se guardaron los cambios de {name}</translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation>No se cambió nada</translation>
    </message>
    <message>
        <source>Added {name}</source>
        <translation>Se agregó a {name}</translation>
    </message>
    <message>
        <source>Archive client</source>
        <translation>Archivar cliente</translation>
    </message>
    <message>
        <source>Archive {name}? They leave the client list and receive nothing — no campaigns, reminders or Hailee messages. Their consent record is kept; View ▸ Show clients ▸ Archived shows them, and a manager can restore them.</source>
        <translation>¿Archivar a {name}? Sale de la lista de clientes y no recibe nada: ni campañas, ni recordatorios, ni mensajes de Hailee. Su registro de consentimiento se conserva; Ver ▸ Mostrar clientes ▸ Archivados lo muestra, y un gerente puede restaurarlo.</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>Restore client</source>
        <translation>Restaurar cliente</translation>
    </message>
    <message>
        <source>Restore {name}? They return to the client list with the switches they had.</source>
        <translation>¿Restaurar a {name}? Vuelve a la lista de clientes con los interruptores que tenía.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Archived {name}</source>
        <translation>Se archivó a {name}</translation>
    </message>
    <message>
        <source>Restored {name}</source>
        <translation>Se restauró a {name}</translation>
    </message>
    <message>
        <source>Sign in to add or edit clients</source>
        <translation>Inicie sesión para agregar o editar clientes</translation>
    </message>
    <message>
        <source>Could not open the client editor: {problem}</source>
        <translation>No se pudo abrir el editor de clientes: {problem}</translation>
    </message>
</context>
<context>
    <name>ClientEditor</name>
    <message>
        <source>Add client</source>
        <translation>Agregar cliente</translation>
    </message>
    <message>
        <source>Edit client — {name}</source>
        <translation>Editar cliente — {name}</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nombre@ejemplo.com</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Celular</translation>
    </message>
    <message>
        <source>Home phone</source>
        <translation>Teléfono de casa</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>&amp;Apellido</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Estado</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Correo electrónico</translation>
    </message>
    <message>
        <source>&amp;Mobile</source>
        <translation>Ce&amp;lular</translation>
    </message>
    <message>
        <source>&amp;Home phone</source>
        <translation>&amp;Teléfono de casa</translation>
    </message>
    <message>
        <source>What saving does to consent</source>
        <translation>Qué cambia en el consentimiento al guardar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>A client needs a first or last name</source>
        <translation>Un cliente necesita un nombre o un apellido</translation>
    </message>
    <message>
        <source>Starts with every switch off: there is no address on file.</source>
        <translation>Empieza con todos los interruptores desactivados: no hay ninguna dirección registrada.</translation>
    </message>
    <message numerus="yes">
        <source>Starts with %Ln switch(es) on: {switches}.</source>
        <translation>
            <numerusform>Empieza con %Ln interruptor activado: {switches}.</numerusform>
            <numerusform>Empieza con %Ln interruptores activados: {switches}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving changes no consent switch.</source>
        <translation>Guardar no cambia ningún interruptor de consentimiento.</translation>
    </message>
    <message>
        <source>Saving changes {steps}.</source>
        <translation>Guardar cambia {steps}.</translation>
    </message>
    <message>
        <source>on</source>
        <comment>a switch&apos;s state</comment>
        <translation>activado</translation>
    </message>
    <message>
        <source>off</source>
        <comment>a switch&apos;s state</comment>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>Sign in to add or edit clients.</source>
        <translation>Inicie sesión para agregar o editar clientes.</translation>
    </message>
    <message>
        <source>{problem}. Cancel and edit the client again to see what changed.</source>
        <translation>{problem}. Cancele y vuelva a editar el cliente para ver qué cambió.</translation>
    </message>
</context>
<context>
    <name>ClientFileImport</name>
    <message>
        <source>Import clients</source>
        <translation>Importar clientes</translation>
    </message>
    <message>
        <source>Client files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos de clientes (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Importing clients…</source>
        <translation>Importando clientes…</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln client(s) from {file}</source>
        <translation>
            <numerusform>Se importó %Ln cliente de {file}</numerusform>
            <numerusform>Se importaron %Ln clientes de {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientFilterBar</name>
    <message>
        <source>Client filters</source>
        <translation>Filtros de clientes</translation>
    </message>
    <message>
        <source>Show {filter}</source>
        <translation>Mostrar: {filter}</translation>
    </message>
</context>
<context>
    <name>ClientImportPreviewDialog</name>
    <message>
        <source>Import clients — preview</source>
        <translation>Importar clientes — vista previa</translation>
    </message>
    <message numerus="yes">
        <source>The first %Ln row(s) of the file. Rows with a problem are listed after the import, with what to fix; nothing already on file is changed.</source>
        <translation>
            <numerusform>Se muestra %Ln fila, la primera del archivo. Las filas con un problema se enumeran después de importar, con lo que hay que corregir; no se cambia nada de lo ya registrado.</numerusform>
            <numerusform>Se muestran las primeras %Ln filas del archivo. Las filas con un problema se enumeran después de importar, con lo que hay que corregir; no se cambia nada de lo ya registrado.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>cells separated by commas</source>
        <translation>celdas separadas por comas</translation>
    </message>
    <message>
        <source>cells separated by semicolons</source>
        <translation>celdas separadas por punto y coma</translation>
    </message>
    <message>
        <source>cells separated by tabs</source>
        <translation>celdas separadas por tabulaciones</translation>
    </message>
    <message>
        <source>cells separated by {separator}</source>
        <translation>celdas separadas por {separator}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; — {encoding}, {separated}.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; — {encoding}, {separated}.</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no columns</comment>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Columns read: {columns}.</source>
        <translation>Columnas leídas: {columns}.</translation>
    </message>
    <message>
        <source>Not read (not a column this import knows): {columns}.</source>
        <translation>No leídas (no son columnas que esta importación conozca): {columns}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Missing: {columns}&lt;/b&gt; — add these columns to the file (their cells may be empty), then import it again.</source>
        <translation>&lt;b&gt;Faltan: {columns}&lt;/b&gt; — agregue estas columnas al archivo (sus celdas pueden estar vacías) y vuelva a importarlo.</translation>
    </message>
    <message>
        <source>(column {number})</source>
        <translation>(columna {number})</translation>
    </message>
</context>
<context>
    <name>ClientImportReport</name>
    <message numerus="yes">
        <source>{file}: %Ln client(s) imported.</source>
        <translation>
            <numerusform>{file}: se importó %Ln cliente.</numerusform>
            <numerusform>{file}: se importaron %Ln clientes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) skipped: already on file (nothing to fix).</source>
        <translation>
            <numerusform>Se omitió %Ln fila: ya estaba registrada (nada que corregir).</numerusform>
            <numerusform>Se omitieron %Ln filas: ya estaban registradas (nada que corregir).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %Ln row(s) not imported. Import the file again to add them; rows already imported are skipped.</source>
        <translation>
            <numerusform>Cancelado: %Ln fila no se importó. Vuelva a importar el archivo para agregarla; las filas ya importadas se omiten.</numerusform>
            <numerusform>Cancelado: %Ln filas no se importaron. Vuelva a importar el archivo para agregarlas; las filas ya importadas se omiten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to fix.</source>
        <translation>Nada que corregir.</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Celular</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>STOP-locked: the client texted STOP; only they can re-enable SMS</source>
        <translation>Bloqueado por STOP: el cliente envió STOP; solo el cliente puede volver a activar los SMS</translation>
    </message>
    <message>
        <source>Needs review: a text from this mobile looks like an opt-out</source>
        <translation>Por revisar: un mensaje de este celular parece una baja</translation>
    </message>
    <message>
        <source>Opted out of some contact</source>
        <translation>Dado de baja de algún contacto</translation>
    </message>
    <message>
        <source>STOP lock, needs review, or opted out of something</source>
        <translation>Bloqueo por STOP, por revisar o dado de baja de algo</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Marcas</translation>
    </message>
</context>
<context>
    <name>ClientListPanel</name>
    <message>
        <source>Search name, phone or email</source>
        <translation>Buscar nombre, teléfono o correo</translation>
    </message>
    <message>
        <source>Search clients</source>
        <translation>Buscar clientes</translation>
    </message>
    <message>
        <source>Search by any part of a name, a phone number in any format, or an email address (Ctrl+F). Esc clears, Down goes to the list.</source>
        <translation>Busque por cualquier parte de un nombre, un número de teléfono en cualquier formato o un correo electrónico (Ctrl+F). Esc borra, Flecha abajo va a la lista.</translation>
    </message>
    <message>
        <source>Texts that look like an opt-out but are not exactly a keyword wait for staff to apply the STOP lock or dismiss them.</source>
        <translation>Los mensajes que parecen una baja pero no son exactamente una palabra clave esperan a que el personal aplique el bloqueo por STOP o los descarte.</translation>
    </message>
    <message>
        <source>Open review queue</source>
        <translation>Abrir cola de revisión</translation>
    </message>
    <message>
        <source>Texts that look like an opt-out but are not a keyword (Ctrl+R)</source>
        <translation>Mensajes que parecen una baja pero no son una palabra clave (Ctrl+R)</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Could not count clients: {problem}</source>
        <translation>No se pudieron contar los clientes: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln client(s)</source>
        <translation>
            <numerusform>%Ln cliente</numerusform>
            <numerusform>%Ln clientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln+ clients</source>
        <translation>
            <numerusform>%Ln+ clientes</numerusform>
            <numerusform>%Ln+ clientes</numerusform>
        </translation>
    </message>
    <message>
        <source>Show {filter} (Ctrl+{key})</source>
        <translation>Mostrar: {filter} (Ctrl+{key})</translation>
    </message>
</context>
<context>
    <name>ClientProfileView</name>
    <message>
        <source>What this client receives</source>
        <translation>Lo que recibe este cliente</translation>
    </message>
    <message>
        <source>Right now, from the Opt-In switches, Hailee settings and quiet hours.</source>
        <translation>En este momento, según los interruptores de Opt-In, la configuración de Hailee y el horario de silencio.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Consent events for this client, newest recorded first.</source>
        <translation>Eventos de consentimiento de este cliente, los más recientes primero.</translation>
    </message>
    <message>
        <source>Select a client to see their opt-ins</source>
        <translation>Seleccione un cliente para ver sus altas</translation>
    </message>
    <message>
        <source>This client is no longer on file.</source>
        <translation>Este cliente ya no está registrado.</translation>
    </message>
    <message>
        <source>The profile could not be read: {error}</source>
        <translation>No se pudo leer el perfil: {error}</translation>
    </message>
    <message>
        <source>The profile could not be read again: {error}</source>
        <translation>No se pudo volver a leer el perfil: {error}</translation>
    </message>
    <message>
        <source>Sign in to change a client&apos;s opt-ins.</source>
        <translation>Inicie sesión para cambiar las altas de un cliente.</translation>
    </message>
    <message>
        <source>{switch} turned on for {name}</source>
        <translation>{switch} activado para {name}</translation>
    </message>
    <message>
        <source>{switch} turned off for {name}</source>
        <translation>{switch} desactivado para {name}</translation>
    </message>
    <message>
        <source>Sign in to change a client&apos;s Hailee settings.</source>
        <translation>Inicie sesión para cambiar la configuración de Hailee de un cliente.</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>From (who sent the text)</source>
        <translation>De (quién envió el mensaje)</translation>
    </message>
    <message>
        <source>To (who received it)</source>
        <translation>Para (quién lo recibió)</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Texto del mensaje</translation>
    </message>
    <message>
        <source>Sent or received at</source>
        <translation>Fecha de envío o recepción</translation>
    </message>
    <message>
        <source>Direction (inbound or outbound)</source>
        <translation>Dirección (recibido o enviado)</translation>
    </message>
    <message>
        <source>Message id</source>
        <translation>Id. del mensaje</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Import message log — choose columns</source>
        <translation>Importar registro de mensajes — elegir columnas</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; is not a message log this program knows. Choose which column holds each part of a text; the choice is kept for the next file with the same columns.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; no es un registro de mensajes que este programa conozca. Elija qué columna contiene cada parte de un mensaje; la elección se guarda para el próximo archivo con las mismas columnas.</translation>
    </message>
    <message>
        <source>(none)</source>
        <comment>no column</comment>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>(choose a column)</source>
        <translation>(elija una columna)</translation>
    </message>
    <message>
        <source>* needed. Without a direction every text is read as inbound.</source>
        <translation>* obligatorio. Sin una dirección, cada mensaje se lee como recibido.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent</source>
        <translation>Registrar consentimiento</translation>
    </message>
    <message>
        <source>Turn on {switch} for {name}</source>
        <translation>Activar {switch} para {name}</translation>
    </message>
    <message>
        <source>This records the client&apos;s consent to be contacted, with how they gave it. It is kept in their consent record.</source>
        <translation>Esto registra el consentimiento del cliente para ser contactado, con la forma en que lo dio. Se guarda en su registro de consentimiento.</translation>
    </message>
    <message>
        <source>How did the client consent?</source>
        <translation>¿Cómo dio su consentimiento el cliente?</translation>
    </message>
    <message>
        <source>&amp;Note (optional)</source>
        <translation>&amp;Nota (opcional)</translation>
    </message>
    <message>
        <source>e.g. signed the membership form at the front desk</source>
        <translation>p. ej., firmó el formulario de membresía en la recepción</translation>
    </message>
</context>
<context>
    <name>DeskLock</name>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Signed in as {name}</source>
        <translation>Sesión iniciada como {name}</translation>
    </message>
    <message>
        <source>Opt-In Desk is locked. Sign in to go on — you come back to where the desk was left.</source>
        <translation>Opt-In Desk está bloqueado. Inicie sesión para continuar: volverá a donde se dejó la recepción.</translation>
    </message>
</context>
<context>
    <name>EmptyListHint</name>
    <message>
        <source>No clients yet — add one with Clients ▸ Add client (Ctrl+N) or File ▸ Import clients.</source>
        <translation>Todavía no hay clientes: agregue uno con Clientes ▸ Agregar cliente (Ctrl+N) o Archivo ▸ Importar clientes.</translation>
    </message>
</context>
<context>
    <name>FilterCounter</name>
    <message>
        <source>an internal error (details are in the log)</source>
        <translation>un error interno (los detalles están en el registro)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Set up Opt-In Desk</source>
        <translation>Configurar Opt-In Desk</translation>
    </message>
    <message>
        <source>Database — Opt-In Desk</source>
        <translation>Base de datos — Opt-In Desk</translation>
    </message>
    <message>
        <source>Where should this computer keep the studio&apos;s consent records?</source>
        <translation>¿Dónde debe guardar esta computadora los registros de consentimiento del estudio?</translation>
    </message>
    <message>
        <source>Now: {database}. A change takes effect the next time Opt-In Desk opens; until then this window keeps working on the database it has.</source>
        <translation>Ahora: {database}. Un cambio se aplica la próxima vez que se abra Opt-In Desk; hasta entonces, esta ventana sigue trabajando con la base de datos que tiene.</translation>
    </message>
    <message>
        <source>Welcome to Opt-In Desk</source>
        <translation>Le damos la bienvenida a Opt-In Desk</translation>
    </message>
    <message>
        <source>This computer&apos;s database</source>
        <translation>La base de datos de esta computadora</translation>
    </message>
    <message>
        <source>&amp;Create my studio</source>
        <translation>&amp;Crear mi estudio</translation>
    </message>
    <message>
        <source>This &amp;computer&apos;s studio</source>
        <translation>Estudio de esta &amp;computadora</translation>
    </message>
    <message>
        <source>Connect to the studio&apos;s ser&amp;ver</source>
        <translation>Conectar al &amp;servidor del estudio</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>Probar la &amp;demo</translation>
    </message>
    <message>
        <source>Create studio</source>
        <translation>Crear estudio</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>Use it</source>
        <translation>Usarlo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Abrir la demo</translation>
    </message>
    <message>
        <source>Saved: {database}.</source>
        <translation>Guardado: {database}.</translation>
    </message>
    <message>
        <source>The password is kept {place}.</source>
        <translation>La contraseña se guarda {place}.</translation>
    </message>
    <message>
        <source>Opt-In Desk uses it the next time it opens.</source>
        <translation>Opt-In Desk la usará la próxima vez que se abra.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>No se guardó: {problem}</translation>
    </message>
    <message>
        <source>The studio was not created: {problem}</source>
        <translation>No se creó el estudio: {problem}</translation>
    </message>
    <message>
        <source>Use the studio kept on this computer, in {path}.</source>
        <translation>Usar el estudio guardado en esta computadora, en {path}.</translation>
    </message>
    <message>
        <source>Create a new studio on this computer. The next time Opt-In Desk opens, it asks for the studio&apos;s name, time zone and owner, and keeps its records in {path}.</source>
        <translation>Crear un estudio nuevo en esta computadora. La próxima vez que se abra, Opt-In Desk le pedirá el nombre del estudio, la zona horaria y el propietario, y guardará los registros en {path}.</translation>
    </message>
    <message>
        <source>A demo studio with sample clients, some of whom texted STOP, to try everything out. Nothing done there touches a real studio. It is kept in {path}.</source>
        <translation>Un estudio de demostración con clientes de ejemplo, algunos de los cuales enviaron STOP, para probarlo todo. Nada de lo que haga allí afecta a un estudio real. Se guarda en {path}.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>When the change was recorded, newest first. A text imported or synced late also says when the client texted it.</source>
        <translation>Cuándo se registró el cambio, los más recientes primero. Un mensaje de texto importado o sincronizado tarde también dice cuándo lo envió el cliente.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <source>Import message log</source>
        <translation>Importar registro de mensajes</translation>
    </message>
    <message>
        <source>Importing message log…</source>
        <translation>Importando registro de mensajes…</translation>
    </message>
    <message>
        <source>{doing}
Reading {file}</source>
        <translation>{doing}
Leyendo {file}</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln row(s) from {file}</source>
        <translation>
            <numerusform>{done} de %Ln fila de {file}</numerusform>
            <numerusform>{done} de %Ln filas de {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln inbound text(s) from {file}</source>
        <translation>
            <numerusform>{done} de %Ln mensaje recibido de {file}</numerusform>
            <numerusform>{done} de %Ln mensajes recibidos de {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after the rows being saved…
{file}</source>
        <translation>Deteniendo después de las filas que se están guardando…
{file}</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln row(s) to fix&lt;/b&gt; — correct them in the file and import it again; rows already imported are skipped.</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln fila por corregir&lt;/b&gt; — corríjala en el archivo e impórtelo de nuevo; las filas ya importadas se omiten.</numerusform>
            <numerusform>&lt;b&gt;%Ln filas por corregir&lt;/b&gt; — corríjalas en el archivo e impórtelo de nuevo; las filas ya importadas se omiten.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Save list to fix…</source>
        <translation>&amp;Guardar lista por corregir…</translation>
    </message>
    <message>
        <source>Open &amp;Needs review ({count})</source>
        <translation>Abrir &amp;Por revisar ({count})</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>What to fix</source>
        <translation>Qué corregir</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save the list of rows to fix</source>
        <translation>Guardar la lista de filas por corregir</translation>
    </message>
    <message>
        <source>rows to fix.csv</source>
        <translation>filas por corregir.csv</translation>
    </message>
    <message>
        <source>Save list to fix</source>
        <translation>Guardar lista por corregir</translation>
    </message>
    <message>
        <source>{path}: could not be saved ({error})</source>
        <translation>{path}: no se pudo guardar ({error})</translation>
    </message>
    <message>
        <source>&amp;Saved — save again…</source>
        <translation>&amp;Guardada — guardar de nuevo…</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <source>The import stopped on an internal error (details are in the log); texts already imported are kept, and importing the file again skips them.</source>
        <translation>La importación se detuvo por un error interno (los detalles están en el registro); los mensajes ya importados se conservan, y al importar el archivo de nuevo se omiten.</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>From the search box into the list</source>
        <translation>Del cuadro de búsqueda a la lista</translation>
    </message>
    <message>
        <source>Open the selected client&apos;s profile</source>
        <translation>Abrir el perfil del cliente seleccionado</translation>
    </message>
    <message>
        <source>Turn the focused switch on or off</source>
        <translation>Activar o desactivar el interruptor seleccionado</translation>
    </message>
    <message>
        <source>Save the shown client&apos;s consent record as PDF</source>
        <translation>Guardar como PDF el registro de consentimiento del cliente mostrado</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Clients</source>
        <translation>&amp;Clientes</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Manage</source>
        <translation>Ad&amp;ministrar</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Import message log…</source>
        <translation>&amp;Importar registro de mensajes…</translation>
    </message>
    <message>
        <source>Process a provider&apos;s message-log CSV export</source>
        <translation>Procesar el registro de mensajes exportado en CSV por un proveedor</translation>
    </message>
    <message>
        <source>Import &amp;clients…</source>
        <translation>Importar &amp;clientes…</translation>
    </message>
    <message>
        <source>Add clients from a spreadsheet&apos;s CSV export, after a preview</source>
        <translation>Agregar clientes desde una hoja de cálculo exportada en CSV, con vista previa</translation>
    </message>
    <message>
        <source>&amp;Database…</source>
        <translation>&amp;Base de datos…</translation>
    </message>
    <message>
        <source>Where this computer keeps the studio&apos;s records, from the next time it opens</source>
        <translation>Dónde guarda esta computadora los registros del estudio, a partir de la próxima vez que se abra</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>Cambiar de &amp;usuario…</translation>
    </message>
    <message>
        <source>Sign in as another staff member</source>
        <translation>Iniciar sesión como otro miembro del personal</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>B&amp;loquear</translation>
    </message>
    <message>
        <source>Hide the clients and show the sign-in, for the next person at the desk</source>
        <translation>Ocultar los clientes y mostrar el inicio de sesión, para la próxima persona en la recepción</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Close Opt-In Desk</source>
        <translation>Cerrar Opt-In Desk</translation>
    </message>
    <message>
        <source>&amp;Add client…</source>
        <translation>&amp;Agregar cliente…</translation>
    </message>
    <message>
        <source>Add a client: name, status, email and phone numbers</source>
        <translation>Agregar un cliente: nombre, estado, correo electrónico y teléfonos</translation>
    </message>
    <message>
        <source>&amp;Edit client…</source>
        <translation>&amp;Editar cliente…</translation>
    </message>
    <message>
        <source>Change the shown client&apos;s name, status, email and phone numbers</source>
        <translation>Cambiar el nombre, el estado, el correo electrónico y los teléfonos del cliente mostrado</translation>
    </message>
    <message>
        <source>&amp;Find client</source>
        <translation>&amp;Buscar cliente</translation>
    </message>
    <message>
        <source>Search clients by name, phone or email</source>
        <translation>Buscar clientes por nombre, teléfono o correo electrónico</translation>
    </message>
    <message>
        <source>Needs &amp;review queue…</source>
        <translation>Cola de &amp;revisión…</translation>
    </message>
    <message>
        <source>Texts that look like an opt-out but are not a keyword</source>
        <translation>Mensajes que parecen una baja pero no son una palabra clave</translation>
    </message>
    <message>
        <source>&amp;Messages…</source>
        <translation>&amp;Mensajes…</translation>
    </message>
    <message>
        <source>Inbound texts processed lately</source>
        <translation>Mensajes recibidos procesados hace poco</translation>
    </message>
    <message>
        <source>&amp;Show clients</source>
        <translation>Mostrar &amp;clientes</translation>
    </message>
    <message>
        <source>Refres&amp;h</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>Read the list and the profile again</source>
        <translation>Volver a leer la lista y el perfil</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Studio &amp;AI settings…</source>
        <translation>Configuración de &amp;IA del estudio…</translation>
    </message>
    <message>
        <source>How Hailee, the AI assistant, works for every client</source>
        <translation>Cómo trabaja Hailee, el asistente de IA, para todos los clientes</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>In&amp;formes…</translation>
    </message>
    <message>
        <source>Clients per channel and state, the campaign audience, opt-outs over time</source>
        <translation>Clientes por canal y estado, la audiencia de campaña, las bajas a lo largo del tiempo</translation>
    </message>
    <message>
        <source>Audit &amp;log…</source>
        <translation>Registro de &amp;auditoría…</translation>
    </message>
    <message>
        <source>Every consent event, with filters, CSV export and a check of the record</source>
        <translation>Todos los eventos de consentimiento, con filtros, exportación a CSV y verificación del registro</translation>
    </message>
    <message>
        <source>Audit log of this &amp;client…</source>
        <translation>Registro de auditoría de este &amp;cliente…</translation>
    </message>
    <message>
        <source>The consent events of the client shown</source>
        <translation>Los eventos de consentimiento del cliente mostrado</translation>
    </message>
    <message>
        <source>Texting &amp;provider…</source>
        <translation>&amp;Proveedor de mensajes de texto…</translation>
    </message>
    <message>
        <source>Connect the studio&apos;s Twilio account, so STOPs arrive by themselves</source>
        <translation>Conectar la cuenta de Twilio del estudio, para que los STOP lleguen solos</translation>
    </message>
    <message>
        <source>&amp;Staff accounts…</source>
        <translation>Cuentas del per&amp;sonal…</translation>
    </message>
    <message>
        <source>Add staff, reset PINs, deactivate accounts</source>
        <translation>Agregar personal, restablecer PIN, desactivar cuentas</translation>
    </message>
    <message>
        <source>S&amp;tudio settings…</source>
        <translation>Configuración del es&amp;tudio…</translation>
    </message>
    <message>
        <source>When an unattended desk locks itself</source>
        <translation>Cuándo se bloquea sola una recepción desatendida</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window</source>
        <translation>Todos los atajos de teclado de la ventana</translation>
    </message>
    <message>
        <source>&amp;About Opt-In Desk</source>
        <translation>Acerca &amp;de Opt-In Desk</translation>
    </message>
    <message>
        <source>Show {what}</source>
        <translation>Mostrar: {what}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Import message log</source>
        <translation>Importar registro de mensajes</translation>
    </message>
    <message>
        <source>Message logs (*.csv);;All files (*)</source>
        <translation>Registros de mensajes (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln inbound text(s) from {file}</source>
        <translation>
            <numerusform>Se importó %Ln mensaje recibido de {file}</numerusform>
            <numerusform>Se importaron %Ln mensajes recibidos de {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in as {name}</source>
        <translation>Sesión iniciada como {name}</translation>
    </message>
    <message>
        <source>Refreshed</source>
        <translation>Actualizado</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>About Opt-In Desk</source>
        <translation>Acerca de Opt-In Desk</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <source>Signed in as {name} — {role}</source>
        <translation>Sesión de {name} — {role}</translation>
    </message>
</context>
<context>
    <name>MessageImportReport</name>
    <message>
        <source>{file}: {inbound}, {changes}.</source>
        <translation>{file}: {inbound}, {changes}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inbound text(s)</source>
        <translation>
            <numerusform>%Ln mensaje recibido</numerusform>
            <numerusform>%Ln mensajes recibidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln consent change(s)</source>
        <translation>
            <numerusform>%Ln cambio de consentimiento</numerusform>
            <numerusform>%Ln cambios de consentimiento</numerusform>
        </translation>
    </message>
    <message>
        <source>STOP {stop} · START {start} · HELP {help} · Needs review {review} · Other {other}</source>
        <translation>STOP {stop} · START {start} · HELP {help} · Por revisar {review} · Otros {other}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln text(s) sent after the client texted STOP — see Reports.</source>
        <translation>
            <numerusform>%Ln mensaje enviado después de que el cliente envió STOP — vea Informes.</numerusform>
            <numerusform>%Ln mensajes enviados después de que el cliente envió STOP — vea Informes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln STOP confirmation(s) recorded on the client&apos;s record</source>
        <translation>
            <numerusform>%Ln confirmación de STOP anotada en el registro del cliente</numerusform>
            <numerusform>%Ln confirmaciones de STOP anotadas en el registro del cliente</numerusform>
        </translation>
    </message>
    <message>
        <source>no STOP confirmation</source>
        <translation>ninguna confirmación de STOP</translation>
    </message>
    <message>
        <source>{outbound}: {confirmed}, {skipped} sent while the number was not opted out.</source>
        <translation>{outbound}: {confirmed}, {skipped} enviados cuando el número no estaba dado de baja.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln outbound text(s)</source>
        <translation>
            <numerusform>%Ln mensaje enviado</numerusform>
            <numerusform>%Ln mensajes enviados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %Ln text(s) already imported.</source>
        <translation>
            <numerusform>Omitido: %Ln mensaje ya importado.</numerusform>
            <numerusform>Omitidos: %Ln mensajes ya importados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) could not be read — see below.</source>
        <translation>
            <numerusform>%Ln fila no se pudo leer — vea abajo.</numerusform>
            <numerusform>%Ln filas no se pudieron leer — vea abajo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln bad row(s) not imported:</source>
        <translation>
            <numerusform>%Ln fila con errores no se importó:</numerusform>
            <numerusform>%Ln filas con errores no se importaron:</numerusform>
        </translation>
    </message>
    <message>
        <source>row {row}: {problem}</source>
        <translation>fila {row}: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… y %Ln más</numerusform>
            <numerusform>… y %Ln más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageLogImport</name>
    <message>
        <source>Import message log</source>
        <translation>Importar registro de mensajes</translation>
    </message>
</context>
<context>
    <name>MessagesDialog</name>
    <message>
        <source>Opt-out (STOP)</source>
        <translation>Baja (STOP)</translation>
    </message>
    <message>
        <source>Opt-in (START)</source>
        <translation>Alta (START)</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>Reviewed: STOP lock applied</source>
        <translation>Revisado: bloqueo por STOP aplicado</translation>
    </message>
    <message>
        <source>Reviewed: dismissed</source>
        <translation>Revisado: descartado</translation>
    </message>
    <message>
        <source>Reviewed: SMS marketing off</source>
        <translation>Revisado: marketing por SMS desactivado</translation>
    </message>
    <message>
        <source>Opt-out (CANCEL): client called</source>
        <translation>Baja (CANCEL): se llamó al cliente</translation>
    </message>
    <message>
        <source>Messages — Opt-In Desk</source>
        <translation>Mensajes — Opt-In Desk</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Buscar mensajes</translation>
    </message>
    <message>
        <source>Search by number or words of the text (Ctrl+F)</source>
        <translation>Buscar por número o palabras del mensaje (Ctrl+F)</translation>
    </message>
    <message>
        <source>Inbound texts</source>
        <translation>Mensajes recibidos</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Could not read the messages: {problem}</source>
        <translation>No se pudieron leer los mensajes: {problem}</translation>
    </message>
    <message>
        <source>{action} — no change</source>
        <translation>{action} — sin cambio</translation>
    </message>
    <message numerus="yes">
        <source>%Ln text(s) from a number or with words matching “{query}”, newest first.</source>
        <translation>
            <numerusform>%Ln mensaje de un número o con palabras que coinciden con “{query}”, los más recientes primero.</numerusform>
            <numerusform>%Ln mensajes de un número o con palabras que coinciden con “{query}”, los más recientes primero.</numerusform>
        </translation>
    </message>
    <message>
        <source>No text matches “{query}”. Esc clears the search.</source>
        <translation>Ningún mensaje coincide con “{query}”. Esc borra la búsqueda.</translation>
    </message>
    <message>
        <source>No inbound texts yet.</source>
        <translation>Todavía no hay mensajes recibidos.</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln newest inbound text(s), newest first. A text that is a keyword changes consent; one that only looks like an opt-out waits in Needs review.</source>
        <translation>
            <numerusform>%Ln mensaje recibido, el más reciente. Un mensaje que es una palabra clave cambia el consentimiento; uno que solo parece una baja espera en Por revisar.</numerusform>
            <numerusform>Los %Ln mensajes recibidos más recientes, del más nuevo al más antiguo. Un mensaje que es una palabra clave cambia el consentimiento; uno que solo parece una baja espera en Por revisar.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OptInSection</name>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Mobile (SMS + Phone)</source>
        <translation>Celular (SMS + llamadas)</translation>
    </message>
    <message>
        <source>Home Phone</source>
        <translation>Teléfono de casa</translation>
    </message>
    <message>
        <source>No email on file</source>
        <translation>Sin correo electrónico registrado</translation>
    </message>
    <message>
        <source>No mobile on file</source>
        <translation>Sin celular registrado</translation>
    </message>
    <message>
        <source>No home phone on file</source>
        <translation>Sin teléfono de casa registrado</translation>
    </message>
    <message>
        <source>Legal consent for marketing emails to this email address.</source>
        <translation>Consentimiento legal para correos electrónicos de marketing a esta dirección.</translation>
    </message>
    <message>
        <source>Legal consent for all emails to this email address.</source>
        <translation>Consentimiento legal para todos los correos electrónicos a esta dirección.</translation>
    </message>
    <message>
        <source>Legal consent for marketing texts to this mobile.</source>
        <translation>Consentimiento legal para mensajes de texto de marketing a este celular.</translation>
    </message>
    <message>
        <source>Legal consent for all texts to this mobile.</source>
        <translation>Consentimiento legal para todos los mensajes de texto a este celular.</translation>
    </message>
    <message>
        <source>Legal consent for marketing calls to this mobile.</source>
        <translation>Consentimiento legal para llamadas de marketing a este celular.</translation>
    </message>
    <message>
        <source>Legal consent for all calls to this mobile.</source>
        <translation>Consentimiento legal para todas las llamadas a este celular.</translation>
    </message>
    <message>
        <source>Legal consent for marketing calls to this home phone.</source>
        <translation>Consentimiento legal para llamadas de marketing a este teléfono de casa.</translation>
    </message>
    <message>
        <source>Legal consent for all calls to this home phone.</source>
        <translation>Consentimiento legal para todas las llamadas a este teléfono de casa.</translation>
    </message>
    <message>
        <source>Off stops campaigns and stacks; reminders and booking help continue.</source>
        <translation>Si está desactivado, se detienen las campañas y las secuencias; los recordatorios y la ayuda con citas continúan.</translation>
    </message>
    <message>
        <source>Off fully blocks the channel: campaigns, stacks, reminders, booking help and Hailee messages.</source>
        <translation>Si está desactivado, se bloquea todo el canal: campañas, secuencias, recordatorios, ayuda con citas y mensajes de Hailee.</translation>
    </message>
    <message>
        <source>This client is archived: restore them to change their switches</source>
        <translation>Este cliente está archivado: restáurelo para cambiar sus interruptores</translation>
    </message>
    <message>
        <source>{day} at {clock}</source>
        <translation>{day}, {clock}</translation>
    </message>
    <message>
        <source>This is a consent record — it does not stop Hailee; use AI controls for that.</source>
        <translation>Esto es un registro de consentimiento: no detiene a Hailee; para eso, use los controles de IA.</translation>
    </message>
    <message>
        <source>Opt-In</source>
        <translation>Opt-In</translation>
    </message>
    <message>
        <source>The client&apos;s legal consent to be contacted. Turning a switch on records how they consented.</source>
        <translation>El consentimiento legal del cliente para ser contactado. Al activar un interruptor se registra cómo dio su consentimiento.</translation>
    </message>
    <message>
        <source>Record an opt-out…</source>
        <translation>Registrar una baja…</translation>
    </message>
    <message>
        <source>The client also asked, another way, to get no texts: record it, so SMS stays off for them even after someone on this number texts START.</source>
        <translation>El cliente también pidió, por otra vía, no recibir mensajes de texto: regístrelo, para que los SMS sigan desactivados para el cliente incluso después de que alguien con este número envíe START.</translation>
    </message>
    <message>
        <source>Texted STOP on {when} — SMS is off for this number. Only the client can turn it back on, by texting START to the studio.</source>
        <translation>Envió STOP el {when} — los SMS están desactivados para este número. Solo el cliente puede volver a activarlos, enviando START al estudio.</translation>
    </message>
    <message>
        <source>Texted STOP — SMS is off for this number. Only the client can turn it back on, by texting START to the studio.</source>
        <translation>Envió STOP — los SMS están desactivados para este número. Solo el cliente puede volver a activarlos, enviando START al estudio.</translation>
    </message>
    <message>
        <source>{reason}. {tooltip}</source>
        <translation>{reason}. {tooltip}</translation>
    </message>
</context>
<context>
    <name>OptOutDialog</name>
    <message>
        <source>Turn off</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Turn off {switch} for {name}</source>
        <translation>Desactivar {switch} para {name}</translation>
    </message>
    <message>
        <source>An opt-out is always recorded. Saying how the client asked is optional; it is kept with the change in their consent record.</source>
        <translation>Una baja siempre se registra. Indicar cómo la pidió el cliente es opcional; se guarda con el cambio en su registro de consentimiento.</translation>
    </message>
    <message>
        <source>Not said</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>e.g. asked at the front desk: no more promotions</source>
        <translation>p. ej., en la recepción: no más promociones</translation>
    </message>
    <message>
        <source>&amp;How the client asked:</source>
        <translation>&amp;Cómo lo pidió el cliente:</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Nota (opcional):</translation>
    </message>
</context>
<context>
    <name>ProfileHeader</name>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>Archivar…</translation>
    </message>
    <message>
        <source>SMS STOP</source>
        <translation>SMS STOP</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
    <message>
        <source>No email or phone number on file</source>
        <translation>Sin correo electrónico ni teléfono registrado</translation>
    </message>
    <message>
        <source>This client&apos;s mobile texted STOP: no texts can be sent to it.</source>
        <translation>El celular de este cliente envió STOP: no se le pueden enviar mensajes de texto.</translation>
    </message>
    <message>
        <source>Change the client&apos;s name, status, email and phone numbers (Ctrl+E)</source>
        <translation>Cambiar el nombre, el estado, el correo electrónico y los teléfonos del cliente (Ctrl+E)</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Celular</translation>
    </message>
    <message>
        <source>Home phone</source>
        <translation>Teléfono de casa</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <source>Bring the client back to the list, with the switches they had</source>
        <translation>Devolver al cliente a la lista, con los interruptores que tenía</translation>
    </message>
    <message>
        <source>Hide the client from the list: they receive nothing, and their consent record is kept</source>
        <translation>Ocultar al cliente de la lista: no recibe nada y se conserva su registro de consentimiento</translation>
    </message>
    <message>
        <source>Archived — this client receives nothing, and their switches cannot be changed. A manager can restore them.</source>
        <translation>Archivado — este cliente no recibe nada y sus interruptores no se pueden cambiar. Un gerente puede restaurarlo.</translation>
    </message>
</context>
<context>
    <name>ProviderDialog</name>
    <message>
        <source>Texting provider</source>
        <translation>Proveedor de mensajes de texto</translation>
    </message>
    <message>
        <source>Opt-In Desk fetches the texts of the studio&apos;s Twilio account every minute, so a client&apos;s STOP switches off SMS by itself.</source>
        <translation>Opt-In Desk descarga cada minuto los mensajes de la cuenta de Twilio del estudio, así que el STOP de un cliente desactiva los SMS automáticamente.</translation>
    </message>
    <message>
        <source>Account SID and auth token</source>
        <translation>SID de cuenta y token de autenticación</translation>
    </message>
    <message>
        <source>API key (SID and secret)</source>
        <translation>Clave de API (SID y secreto)</translation>
    </message>
    <message>
        <source>AC…  (Twilio Console ▸ Account info)</source>
        <translation>AC…  (Twilio Console ▸ Account info)</translation>
    </message>
    <message>
        <source>SK…</source>
        <translation>SK…</translation>
    </message>
    <message>
        <source>Account SID</source>
        <translation>SID de cuenta</translation>
    </message>
    <message>
        <source>API key SID</source>
        <translation>SID de la clave de API</translation>
    </message>
    <message>
        <source>Auth token</source>
        <translation>Token de autenticación</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Probar</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Desconectar</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <source>API key secret</source>
        <translation>Secreto de la clave de API</translation>
    </message>
    <message>
        <source>Twilio answered: {account}</source>
        <translation>Twilio respondió: {account}</translation>
    </message>
    <message>
        <source>Connected to {account}. The secret is kept {place}.</source>
        <translation>Conectado a {account}. El secreto se guarda {place}.</translation>
    </message>
    <message>
        <source>Disconnected. The secret was removed from this computer; texts already synced stay on file.</source>
        <translation>Desconectado. El secreto se eliminó de esta computadora; los mensajes ya sincronizados se conservan.</translation>
    </message>
    <message>
        <source>Asking Twilio…</source>
        <translation>Consultando a Twilio…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not connected.&lt;/b&gt; STOPs arrive only when someone imports the message log.</source>
        <translation>&lt;b&gt;Sin conexión.&lt;/b&gt; Los STOP solo llegan cuando alguien importa el registro de mensajes.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connected:&lt;/b&gt; {account}, by {name} on {day}.</source>
        <translation>&lt;b&gt;Conectado:&lt;/b&gt; {account}, por {name} el {day}.</translation>
    </message>
</context>
<context>
    <name>ProviderSyncController</name>
    <message numerus="yes">
        <source>Synced texts from the provider: %Ln client(s) affected</source>
        <translation>
            <numerusform>Se sincronizaron mensajes del proveedor: %Ln cliente afectado</numerusform>
            <numerusform>Se sincronizaron mensajes del proveedor: %Ln clientes afectados</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProviderSyncWorker</name>
    <message>
        <source>the sync stopped on an internal error (details are in the log)</source>
        <translation>la sincronización se detuvo por un error interno (los detalles están en el registro)</translation>
    </message>
</context>
<context>
    <name>ReceivesGrid</name>
    <message>
        <source>What this client receives</source>
        <translation>Lo que recibe este cliente</translation>
    </message>
    <message>
        <source>{channel}: nothing can be sent — {reason}.</source>
        <translation>{channel}: no se puede enviar nada — {reason}.</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Permitido</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>{kind} by {medium}</source>
        <translation>{kind} por {medium}</translation>
    </message>
    <message>
        <source>{subject}: allowed now.</source>
        <translation>{subject}: permitido ahora.</translation>
    </message>
    <message>
        <source>{subject}: held, not sent — a text from this mobile looks like an opt-out and waits in Needs review; it goes out only if staff decide it was not one.</source>
        <translation>{subject}: retenido, no se envía — un mensaje de texto de este celular parece una baja y espera en Por revisar; solo sale si el personal decide que no lo era.</translation>
    </message>
    <message>
        <source>{subject}: held, not sent — {reason} (quiet hours: marketing goes out between 8 a.m. and 9 p.m. where the client is).</source>
        <translation>{subject}: retenido, no se envía — {reason} (horario de silencio: el marketing sale entre las 8 a.m. y las 9 p.m. donde está el cliente).</translation>
    </message>
    <message>
        <source>{subject}: blocked — {reason}.</source>
        <translation>{subject}: bloqueado — {reason}.</translation>
    </message>
</context>
<context>
    <name>RecordPrinter</name>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save this client&apos;s consent record, for a dispute, as a PDF</source>
        <translation>Guardar como PDF el registro de consentimiento de este cliente, para una disputa</translation>
    </message>
    <message>
        <source>Print this client&apos;s consent record</source>
        <translation>Imprimir el registro de consentimiento de este cliente</translation>
    </message>
    <message>
        <source>Print / Save as PDF…</source>
        <translation>Imprimir / Guardar PDF…</translation>
    </message>
    <message>
        <source>The client&apos;s consent record for a dispute: identity, state, every event, the check of the record and its checkpoint (Ctrl+P)</source>
        <translation>El registro de consentimiento del cliente para una disputa: identidad, estado, cada evento, la verificación del registro y su punto de control (Ctrl+P)</translation>
    </message>
    <message>
        <source>Could not save {file}: {error}</source>
        <translation>No se pudo guardar {file}: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Saved {name}&apos;s consent record to {file} (%n page(s))</source>
        <translation>
            <numerusform>Registro de consentimiento de {name} guardado en {file} (%n página)</numerusform>
            <numerusform>Registro de consentimiento de {name} guardado en {file} (%n páginas)</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not print: {error}</source>
        <translation>No se pudo imprimir: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Printed {name}&apos;s consent record (%n page(s))</source>
        <translation>
            <numerusform>Registro de consentimiento de {name} impreso (%n página)</numerusform>
            <numerusform>Registro de consentimiento de {name} impreso (%n páginas)</numerusform>
        </translation>
    </message>
    <message>
        <source>Save consent record as PDF</source>
        <translation>Guardar el registro de consentimiento como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print consent record</source>
        <translation>Imprimir el registro de consentimiento</translation>
    </message>
    <message>
        <source>Consent record</source>
        <translation>Registro de consentimiento</translation>
    </message>
    <message>
        <source>Sign in to print a client&apos;s consent record.</source>
        <translation>Inicie sesión para imprimir el registro de consentimiento de un cliente.</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <source>No address</source>
        <translation>Sin dirección</translation>
    </message>
    <message>
        <source>No email, mobile or home phone on file: the channel receives nothing (R5)</source>
        <translation>No hay correo electrónico, celular ni teléfono de casa registrado: el canal no recibe nada (R5)</translation>
    </message>
    <message>
        <source>All off</source>
        <translation>Todo
desactivado</translation>
    </message>
    <message>
        <source>All is off: nothing is sent on the channel, not even reminders (R1)</source>
        <translation>Todo está desactivado: no se envía nada por el canal, ni siquiera recordatorios (R1)</translation>
    </message>
    <message>
        <source>STOP-locked</source>
        <translation>Bloqueado
por STOP</translation>
    </message>
    <message>
        <source>The mobile texted STOP: SMS is off and only the client can turn it back on, by texting START (R6, R7)</source>
        <translation>El celular envió STOP: los SMS están desactivados y solo el cliente puede volver a activarlos, enviando START (R6, R7)</translation>
    </message>
    <message>
        <source>Marketing off</source>
        <translation>Marketing
desactivado</translation>
    </message>
    <message>
        <source>All is on, Marketing off: reminders and replies only (R2)</source>
        <translation>Todo activado, Marketing desactivado: solo recordatorios y respuestas (R2)</translation>
    </message>
    <message>
        <source>Marketing on</source>
        <translation>Marketing
activado</translation>
    </message>
    <message>
        <source>All and Marketing are on: campaigns may be sent (R2)</source>
        <translation>Todo y Marketing están activados: se pueden enviar campañas (R2)</translation>
    </message>
    <message>
        <source>Turned off by staff</source>
        <translation>Desactivado por el personal</translation>
    </message>
    <message>
        <source>STOP locks</source>
        <translation>Bloqueos por STOP</translation>
    </message>
    <message>
        <source>Reports — Opt-In Desk</source>
        <translation>Informes — Opt-In Desk</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>Volver a contar</translation>
    </message>
    <message>
        <source>Clients by channel</source>
        <translation>Clientes por canal</translation>
    </message>
    <message>
        <source>Clients by channel and state</source>
        <translation>Clientes por canal y estado</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Campaign
audience now</source>
        <translation>Audiencia
de campaña</translation>
    </message>
    <message>
        <source>Held for
quiet hours</source>
        <translation>Retenidos
por horario</translation>
    </message>
    <message>
        <source>The campaign audience now: clients a campaign on this channel may reach at this moment, with switches, STOP locks and quiet hours applied as the what-they-receive grid decides</source>
        <translation>La audiencia de campaña ahora: los clientes a los que una campaña por este canal puede llegar en este momento, con los interruptores, los bloqueos por STOP y el horario de silencio aplicados tal como lo decide la tabla Lo que recibe este cliente</translation>
    </message>
    <message>
        <source>Campaign texts and calls held back now: outside 8 a.m.–9 p.m. in the client&apos;s time zone they wait until the morning (R17)</source>
        <translation>Mensajes y llamadas de campaña retenidos ahora: fuera del horario de 8 a.m. a 9 p.m. en la zona horaria del cliente, esperan hasta la mañana (R17)</translation>
    </message>
    <message numerus="yes">
        <source>Opt-outs over the last %Ln month(s)</source>
        <translation>
            <numerusform>Bajas en el último %Ln mes</numerusform>
            <numerusform>Bajas en los últimos %Ln meses</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff turning a client&apos;s All or Marketing switch off, and numbers STOP-locked by a text or from the Needs review queue (one per client on the number). Months are calendar months in UTC.</source>
        <translation>Interruptores Todo o Marketing de un cliente desactivados por el personal, y números bloqueados por STOP por un mensaje o desde la cola de revisión (uno por cliente con ese número). Los meses son meses calendario en UTC.</translation>
    </message>
    <message numerus="yes">
        <source>Opt-outs per month, last %Ln month(s)</source>
        <translation>
            <numerusform>Bajas por mes, último %Ln mes</numerusform>
            <numerusform>Bajas por mes, últimos %Ln meses</numerusform>
        </translation>
    </message>
    <message>
        <source>No report: {error}.</source>
        <translation>No hay informe: {error}.</translation>
    </message>
    <message>
        <source>As of {time} · checkpoint {checkpoint}…</source>
        <translation>A las {time} · punto de control {checkpoint}…</translation>
    </message>
    <message>
        <source>Checkpoint of the consent record: {checkpoint}</source>
        <translation>Punto de control del registro de consentimiento: {checkpoint}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln active client(s) (archived clients are not counted). Each client is in one state per channel; point at a heading for what it means.</source>
        <translation>
            <numerusform>%Ln cliente activo (no se cuentan los clientes archivados). Cada cliente está en un estado por canal; señale un encabezado para ver qué significa.</numerusform>
            <numerusform>%Ln clientes activos (no se cuentan los clientes archivados). Cada cliente está en un estado por canal; señale un encabezado para ver qué significa.</numerusform>
        </translation>
    </message>
    <message>
        <source>A STOP lock stops texts only; calls to the same mobile follow their own switches</source>
        <translation>Un bloqueo por STOP solo detiene los mensajes; las llamadas al mismo celular siguen sus propios interruptores</translation>
    </message>
    <message>
        <source>Outside 8 a.m.–9 p.m. where the client is: sent when the quiet hours end (R17)</source>
        <translation>Fuera del horario de 8 a.m. a 9 p.m. donde está el cliente: se envían cuando termina el horario de silencio (R17)</translation>
    </message>
    <message>
        <source>Email has no quiet hours</source>
        <translation>El correo electrónico no tiene horario de silencio</translation>
    </message>
    <message numerus="yes">
        <source>%Ln opt-out(s) in the last {months} months</source>
        <translation>
            <numerusform>%Ln baja en los últimos {months} meses</numerusform>
            <numerusform>%Ln bajas en los últimos {months} meses</numerusform>
        </translation>
    </message>
    <message>
        <source>{opt_outs} ({first} – {last})</source>
        <translation>{opt_outs} ({first} – {last})</translation>
    </message>
    <message>
        <source>{opt_outs}: {staff} turned off by staff, {locks}.</source>
        <translation>{opt_outs}: {staff} por el personal, {locks}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln STOP lock(s)</source>
        <translation>
            <numerusform>%Ln bloqueo por STOP</numerusform>
            <numerusform>%Ln bloqueos por STOP</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueueDialog</name>
    <message>
        <source>Needs review — Opt-In Desk</source>
        <translation>Por revisar — Opt-In Desk</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>Texts that look like an opt-out but are not exactly a keyword. Decide each by its due date: an opt-out must be honored within 10 business days. Until then marketing to the number is held. Nothing here can opt a client in.</source>
        <translation>Mensajes que parecen una baja pero no son exactamente una palabra clave. Decida cada uno antes de su fecha límite: una baja se debe respetar en un plazo de 10 días hábiles. Hasta entonces, el marketing a ese número queda retenido. Nada aquí puede dar de alta a un cliente.</translation>
    </message>
    <message>
        <source>Texts that need review</source>
        <translation>Mensajes por revisar</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Nothing needs review.
Texts that look like an opt-out will wait here.</source>
        <translation>No hay nada por revisar.
Los mensajes que parezcan una baja esperarán aquí.</translation>
    </message>
    <message>
        <source>Note for the record (optional)</source>
        <translation>Nota para el registro (opcional)</translation>
    </message>
    <message>
        <source>Note for the record</source>
        <translation>Nota para el registro</translation>
    </message>
    <message>
        <source>&amp;Apply STOP lock…</source>
        <translation>&amp;Aplicar bloqueo por STOP…</translation>
    </message>
    <message>
        <source>Turn SMS off for everyone on this number, dated when the client texted. Only the client can undo it, by texting START.</source>
        <translation>Desactiva los SMS para todos los de este número, con la fecha en que el cliente envió el mensaje. Solo el cliente puede deshacerlo, enviando START.</translation>
    </message>
    <message>
        <source>SMS &amp;marketing off only</source>
        <translation>Desactivar solo &amp;marketing SMS</translation>
    </message>
    <message>
        <source>“No more promos”: turn SMS Marketing off for everyone on this number. Reminders and replies still go out.</source>
        <translation>“No más promociones”: desactiva el Marketing por SMS para todos los de este número. Los recordatorios y las respuestas se siguen enviando.</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>&amp;Open the client</source>
        <translation>Abrir el &amp;cliente</translation>
    </message>
    <message>
        <source>Show this number&apos;s client in the main window.</source>
        <translation>Mostrar el cliente de este número en la ventana principal.</translation>
    </message>
    <message>
        <source>Could not read the review queue: {problem}</source>
        <translation>No se pudo leer la cola de revisión: {problem}</translation>
    </message>
    <message>
        <source>Apply STOP lock</source>
        <translation>Aplicar bloqueo por STOP</translation>
    </message>
    <message>
        <source>{problem}. The list has been reloaded.</source>
        <translation>{problem}. La lista se volvió a cargar.</translation>
    </message>
    <message>
        <source>&amp;Called the client</source>
        <translation>Se &amp;llamó al cliente</translation>
    </message>
    <message>
        <source>The client was called about their CANCEL: take it off the queue.</source>
        <translation>Se llamó al cliente por su CANCEL: quitarlo de la cola.</translation>
    </message>
    <message>
        <source>Not an opt-out: take the text off the queue and change nothing.</source>
        <translation>No es una baja: quitar el mensaje de la cola sin cambiar nada.</translation>
    </message>
</context>
<context>
    <name>ReviewWords</name>
    <message>
        <source>ddd, MMM d</source>
        <comment>a due date&apos;s format</comment>
        <translation>ddd d &apos;de&apos; MMM</translation>
    </message>
    <message>
        <source>ddd, MMM d, yyyy</source>
        <comment>a due date&apos;s format</comment>
        <translation>ddd d &apos;de&apos; MMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Call the client</source>
        <translation>Llamar al cliente</translation>
    </message>
    <message>
        <source>Overdue · {date}</source>
        <translation>Vencido · {date}</translation>
    </message>
    <message>
        <source>CANCEL locked SMS for this number when it came. The client may have meant an appointment: call them.</source>
        <translation>CANCEL bloqueó los SMS de este número cuando llegó. Es posible que el cliente se refiriera a una cita: llámelo.</translation>
    </message>
    <message>
        <source>Was due {date}: an opt-out must be honored within 10 business days.</source>
        <translation>Vencía el {date}: una baja se debe respetar en un plazo de 10 días hábiles.</translation>
    </message>
    <message>
        <source>Decide by {date}: 10 business days after it came (weekends and US holidays don&apos;t count).</source>
        <translation>Decida a más tardar el {date}: 10 días hábiles después de que llegó (no cuentan los fines de semana ni los feriados de EE. UU.).</translation>
    </message>
    <message>
        <source>“{text}”
{when} ({age}) from {number}.</source>
        <translation>“{text}”
{when} ({age}) de {number}.</translation>
    </message>
    <message>
        <source>{came} CANCEL locked SMS for this number when it came, but the client may have meant an appointment — call the client, then mark it called.</source>
        <translation>{came} CANCEL bloqueó los SMS de este número cuando llegó, pero es posible que el cliente se refiriera a una cita: llame al cliente y luego márquelo como llamado.</translation>
    </message>
    <message>
        <source>{names} has this mobile: a STOP lock turns SMS off for them.</source>
        <translation>{names} tiene este celular: un bloqueo por STOP le desactiva los SMS.</translation>
    </message>
    <message>
        <source>{names} share this mobile: a STOP lock turns SMS off for all of them.</source>
        <translation>{names} comparten este celular: un bloqueo por STOP les desactiva los SMS a todos.</translation>
    </message>
    <message>
        <source>No client has this mobile on file.</source>
        <translation>Ningún cliente tiene este celular registrado.</translation>
    </message>
    <message>
        <source>Overdue: it was due {date}.</source>
        <translation>Vencido: vencía el {date}.</translation>
    </message>
    <message>
        <source>Due {date}.</source>
        <translation>Vence el {date}.</translation>
    </message>
    <message>
        <source>{came} {who} {deadline} Marketing to this number is held until it is decided.</source>
        <translation>{came} {who} {deadline} El marketing a este número queda retenido hasta que se decida.</translation>
    </message>
    <message>
        <source>no client on file yet</source>
        <translation>todavía ningún cliente registrado</translation>
    </message>
    <message>
        <source>Apply the STOP lock to {number}?

SMS is turned off for everyone on this number ({everyone}), dated {when} when the client texted, and nobody at the studio can turn it back on: only the client can undo this, by texting START.</source>
        <translation>¿Aplicar el bloqueo por STOP a {number}?

Los SMS se desactivan para todos los de este número ({everyone}), con fecha {when}, cuando el cliente envió el mensaje, y nadie en el estudio puede volver a activarlos: solo el cliente puede deshacerlo, enviando START.</translation>
    </message>
    <message>
        <source>STOP lock applied to {number}: SMS is off for everyone on this number</source>
        <translation>Bloqueo por STOP aplicado a {number}: los SMS están desactivados para todos los de este número</translation>
    </message>
    <message>
        <source>SMS marketing turned off for everyone on {number}</source>
        <translation>Marketing por SMS desactivado para todos los de {number}</translation>
    </message>
    <message>
        <source>Dismissed the text from {number}</source>
        <translation>Se descartó el mensaje de {number}</translation>
    </message>
    <message>
        <source>Marked the CANCEL from {number} as called</source>
        <translation>Se marcó como llamado el CANCEL de {number}</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server URL</source>
        <translation>URL del servidor</translation>
    </message>
    <message>
        <source>postgresql://user:password@host:5432/studio (or fill in below)</source>
        <translation>postgresql://usuario:clave@servidor:5432/estudio (o complete abajo)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>name or address of the server</source>
        <translation>nombre o dirección del servidor</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>the studio&apos;s database</source>
        <translation>la base de datos del estudio</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>user name on the server</source>
        <translation>nombre de usuario en el servidor</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Po&amp;rt</source>
        <translation>&amp;Puerto</translation>
    </message>
    <message>
        <source>S&amp;erver</source>
        <translation>Ser&amp;vidor</translation>
    </message>
    <message>
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <source>Data&amp;base</source>
        <translation>&amp;Base de datos</translation>
    </message>
    <message>
        <source>U&amp;ser</source>
        <translation>Usua&amp;rio</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>C&amp;ontraseña</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Probar co&amp;nexión</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>Prueba de conexión</translation>
    </message>
    <message>
        <source>The URL is not complete yet: {problem}.</source>
        <translation>La URL aún no está completa: {problem}.</translation>
    </message>
    <message>
        <source>Test the connection before saving it.</source>
        <translation>Pruebe la conexión antes de guardarla.</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>Conectando con {server}…</translation>
    </message>
    <message>
        <source>Could not use it: {problem}</source>
        <translation>No se pudo usar: {problem}</translation>
    </message>
    <message>
        <source>{found} You may save it.</source>
        <translation>{found} Ya puede guardarla.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — Opt-In Desk</source>
        <translation>Iniciar sesión — Opt-In Desk</translation>
    </message>
    <message>
        <source>Sign in with your own PIN.</source>
        <translation>Inicie sesión con su propio PIN.</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>de 4 a 8 dígitos</translation>
    </message>
    <message>
        <source>&amp;Staff member</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>Primero elija su nombre.</translation>
    </message>
    <message>
        <source>Type your PIN: 4 to 8 digits.</source>
        <translation>Escriba su PIN: de 4 a 8 dígitos.</translation>
    </message>
    <message>
        <source>That staff account no longer exists. Choose your name again.</source>
        <translation>Esa cuenta del personal ya no existe. Vuelva a elegir su nombre.</translation>
    </message>
    <message>
        <source>{name} — {role}</source>
        <translation>{name} — {role}</translation>
    </message>
    <message>
        <source>This database has no staff accounts yet. Create the owner&apos;s with “{command}”.</source>
        <translation>Esta base de datos aún no tiene cuentas del personal. Cree la del propietario con “{command}”.</translation>
    </message>
</context>
<context>
    <name>StaffAccountsDialog</name>
    <message>
        <source>Staff accounts — Opt-In Desk</source>
        <translation>Cuentas del personal — Opt-In Desk</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>Cuentas del personal</translation>
    </message>
    <message>
        <source>Everyone at the desk signs in with their own PIN. A deactivated account can no longer sign in; its name stays on the consent record.</source>
        <translation>Cada persona de la recepción inicia sesión con su propio PIN. Una cuenta desactivada ya no puede iniciar sesión; su nombre se conserva en el registro de consentimiento.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Inicio de sesión</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>Bloqueada hasta las {time}</translation>
    </message>
    <message>
        <source>Cannot sign in</source>
        <translation>No puede iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Add staff…</source>
        <translation>&amp;Agregar personal…</translation>
    </message>
    <message>
        <source>Add a staff member with their role and PIN</source>
        <translation>Agregar un miembro del personal con su rol y PIN</translation>
    </message>
    <message>
        <source>Reset &amp;PIN…</source>
        <translation>Restablecer &amp;PIN…</translation>
    </message>
    <message>
        <source>Give the selected staff member a new PIN (unlocks their sign-in)</source>
        <translation>Dar un PIN nuevo al miembro del personal seleccionado (desbloquea su inicio de sesión)</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Desactivar…</translation>
    </message>
    <message>
        <source>Can sign in</source>
        <translation>Puede iniciar sesión</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Reset the PIN to unlock now, or wait until then.</source>
        <translation>Demasiados PIN incorrectos. Restablezca el PIN para desbloquear ahora, o espere hasta esa hora.</translation>
    </message>
    <message>
        <source>{name} was not added: {error}.</source>
        <translation>No se agregó a {name}: {error}.</translation>
    </message>
    <message>
        <source>The staff member</source>
        <translation>la persona</translation>
    </message>
    <message>
        <source>Added {name} ({role}). They can sign in with the PIN you gave them.</source>
        <translation>Se agregó a {name} ({role}). Puede iniciar sesión con el PIN que usted le dio.</translation>
    </message>
    <message>
        <source>The PIN was not reset: {error}.</source>
        <translation>No se restableció el PIN: {error}.</translation>
    </message>
    <message>
        <source>{name} has a new PIN; the old one no longer works.</source>
        <translation>{name} tiene un PIN nuevo; el anterior ya no funciona.</translation>
    </message>
    <message>
        <source>Deactivate {name}?

They can no longer sign in. Their name stays on the consent record, and the account can be reactivated.</source>
        <translation>¿Desactivar a {name}?

Ya no podrá iniciar sesión. Su nombre se conserva en el registro de consentimiento, y la cuenta se puede reactivar.</translation>
    </message>
    <message>
        <source>Deactivate staff account</source>
        <translation>Desactivar cuenta del personal</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>{name} can no longer sign in.</source>
        <translation>{name} ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <source>{name} can again sign in.</source>
        <translation>{name} puede volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>Reac&amp;tivar</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account; another owner can.</source>
        <translation>No puede desactivar su propia cuenta; otro propietario puede hacerlo.</translation>
    </message>
    <message>
        <source>Stop this account from signing in</source>
        <translation>Impedir que esta cuenta inicie sesión</translation>
    </message>
    <message>
        <source>Let this account sign in again with its PIN</source>
        <translation>Permitir que esta cuenta vuelva a iniciar sesión con su PIN</translation>
    </message>
</context>
<context>
    <name>StaffFormDialog</name>
    <message>
        <source>Finds clients, changes their opt-ins within the rules, works the review queue.</source>
        <translation>Busca clientes, cambia sus interruptores de Opt-In dentro de las reglas y atiende la cola de revisión.</translation>
    </message>
    <message>
        <source>All an employee does, plus studio AI settings, reports and the audit log.</source>
        <translation>Todo lo que hace un empleado, más la configuración de IA del estudio, los informes y el registro de auditoría.</translation>
    </message>
    <message>
        <source>Everything, and manages staff accounts.</source>
        <translation>Todo, y además administra las cuentas del personal.</translation>
    </message>
    <message>
        <source>Add staff member</source>
        <translation>Agregar miembro del personal</translation>
    </message>
    <message>
        <source>Reset PIN — {name}</source>
        <translation>Restablecer PIN — {name}</translation>
    </message>
    <message>
        <source>Each person signs in with their own PIN of 4 to 8 digits. Tell them the PIN in person; it is stored only as a salted hash.</source>
        <translation>Cada persona inicia sesión con su propio PIN de 4 a 8 dígitos. Dígale el PIN en persona; solo se guarda como un hash con sal.</translation>
    </message>
    <message>
        <source>A new PIN for {name}. Their old PIN stops working at once, and a sign-in locked by wrong PINs is unlocked.</source>
        <translation>Un PIN nuevo para {name}. Su PIN anterior deja de funcionar de inmediato, y se desbloquea un inicio de sesión bloqueado por PIN incorrectos.</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Nombre y apellido</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>Repetir PIN</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rol</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>New &amp;PIN</source>
        <translation>&amp;PIN nuevo</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>Repe&amp;tir PIN</translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation>Restablecer PIN</translation>
    </message>
    <message>
        <source>Enter the staff member&apos;s name.</source>
        <translation>Escriba el nombre del miembro del personal.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>Un PIN tiene de 4 a 8 dígitos.</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the PIN again.</source>
        <translation>Los dos PIN no coinciden. Escriba el PIN de nuevo.</translation>
    </message>
</context>
<context>
    <name>StudioPage</name>
    <message>
        <source>Studio name</source>
        <translation>Nombre del estudio</translation>
    </message>
    <message>
        <source>e.g. Sunrise Yoga</source>
        <translation>p. ej., Sunrise Yoga</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Owner&apos;s name</source>
        <translation>Nombre del propietario</translation>
    </message>
    <message>
        <source>your own name</source>
        <translation>su propio nombre</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>de 4 a 8 dígitos</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>Repetir PIN</translation>
    </message>
    <message>
        <source>the same PIN</source>
        <translation>el mismo PIN</translation>
    </message>
    <message>
        <source>Studio &amp;name</source>
        <translation>&amp;Nombre del estudio</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Zona horaria</translation>
    </message>
    <message>
        <source>&amp;Owner&apos;s name</source>
        <translation>Nombre del &amp;propietario</translation>
    </message>
    <message>
        <source>Owner&apos;s &amp;PIN</source>
        <translation>P&amp;IN del propietario</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>&amp;Repetir PIN</translation>
    </message>
    <message>
        <source>What is still needed</source>
        <translation>Lo que falta</translation>
    </message>
    <message>
        <source>The studio&apos;s records are kept on this computer, in {place}. The owner signs in with this PIN and adds the staff.</source>
        <translation>Los registros del estudio se guardan en esta computadora, en {place}. El propietario inicia sesión con este PIN y agrega al personal.</translation>
    </message>
    <message>
        <source>Type the studio&apos;s name.</source>
        <translation>Escriba el nombre del estudio.</translation>
    </message>
    <message>
        <source>Choose the studio&apos;s time zone from the list: {problem}.</source>
        <translation>Elija la zona horaria del estudio de la lista: {problem}.</translation>
    </message>
    <message>
        <source>Type the owner&apos;s name.</source>
        <translation>Escriba el nombre del propietario.</translation>
    </message>
    <message>
        <source>Choose the owner&apos;s PIN: 4 to 8 digits.</source>
        <translation>Elija el PIN del propietario: de 4 a 8 dígitos.</translation>
    </message>
    <message>
        <source>Type the same PIN again.</source>
        <translation>Vuelva a escribir el mismo PIN.</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN again.</source>
        <translation>Los dos PIN no coinciden: vuelva a escribir el mismo PIN.</translation>
    </message>
    <message>
        <source>Ready: the studio can be created.</source>
        <translation>Listo: ya se puede crear el estudio.</translation>
    </message>
</context>
<context>
    <name>StudioSettingsDialog</name>
    <message>
        <source>Studio settings — Opt-In Desk</source>
        <translation>Configuración del estudio — Opt-In Desk</translation>
    </message>
    <message>
        <source>A desk that nobody touches for this long locks itself and shows the sign-in, so that the next person works under their own name and no client&apos;s details stay on an unattended screen.</source>
        <translation>Una recepción que nadie toca durante este tiempo se bloquea sola y muestra el inicio de sesión, para que la siguiente persona trabaje con su propio nombre y no queden datos de clientes en una pantalla desatendida.</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Bloquear tras minutos de inactividad</translation>
    </message>
    <message>
        <source> min</source>
        <comment>minutes</comment>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>&amp;Lock the desk after</source>
        <translation>&amp;Bloquear la recepción tras</translation>
    </message>
    <message>
        <source>The desk never locks by itself</source>
        <translation>La recepción nunca se bloquea sola</translation>
    </message>
    <message numerus="yes">
        <source>The desk locks after %Ln idle minute(s)</source>
        <translation>
            <numerusform>La recepción se bloquea tras %Ln minuto de inactividad</numerusform>
            <numerusform>La recepción se bloquea tras %Ln minutos de inactividad</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message>
        <source>Not synced yet (this computer has no provider secret)</source>
        <translation>Aún sin sincronizar (esta computadora no tiene la clave del proveedor)</translation>
    </message>
    <message>
        <source>Synced {ago}</source>
        <translation>Sincronizado {ago}</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>Falló la sincronización: {reason}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>hace {minutes} min</translation>
    </message>
    <message>
        <source>{hours} h ago</source>
        <translation>hace {hours} h</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>el {date}</translation>
    </message>
    <message>
        <source>dd MMM</source>
        <comment>the date of the last sync</comment>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>dd MMM HH:mm</source>
        <comment>since when no texts came</comment>
        <translation>d MMM HH:mm</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>la conexión</translation>
    </message>
    <message>
        <source>No texts since {when} — STOPs may wait</source>
        <translation>Sin mensajes desde {when}: puede haber STOP esperando</translation>
    </message>
    <message>
        <source>check the sync&apos;s status beside it</source>
        <translation>revise el estado de la sincronización al lado</translation>
    </message>
    <message>
        <source>connect the texting provider (Manage ▸ Texting provider) or import its message log</source>
        <translation>conecte el proveedor de mensajes de texto (Administrar ▸ Proveedor de mensajes de texto) o importe su registro de mensajes</translation>
    </message>
    <message>
        <source>Neither a sync nor an import has brought texts for more than one business day: a client&apos;s STOP may be waiting at the provider. To fix it, {fix}.</source>
        <translation>Ni una sincronización ni una importación han traído mensajes en más de un día hábil: el STOP de un cliente puede estar esperando en el proveedor. Para solucionarlo, {fix}.</translation>
    </message>
</context>
<context>
    <name>_Ages</name>
    <message>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>hace %n minuto</numerusform>
            <numerusform>hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>hace %n hora</numerusform>
            <numerusform>hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) ago</source>
        <translation>
            <numerusform>hace %Ln día</numerusform>
            <numerusform>hace %Ln días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%Ln text(s) need review</source>
        <translation>
            <numerusform>%Ln mensaje por revisar</numerusform>
            <numerusform>%Ln mensajes por revisar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{waiting} — %Ln overdue</source>
        <translation>
            <numerusform>{waiting} — %Ln vencido</numerusform>
            <numerusform>{waiting} — %Ln vencidos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Notices</name>
    <message numerus="yes">
        <source>A text from this mobile waits in Needs review (and %Ln more): “{quoted}”.</source>
        <translation>
            <numerusform>Un mensaje de texto de este celular espera en Por revisar (y %Ln más): “{quoted}”.</numerusform>
            <numerusform>Un mensaje de texto de este celular espera en Por revisar (y %Ln más): “{quoted}”.</numerusform>
        </translation>
    </message>
    <message>
        <source>A text from this mobile waits in Needs review: “{quoted}”.</source>
        <translation>Un mensaje de texto de este celular espera en Por revisar: “{quoted}”.</translation>
    </message>
    <message>
        <source>It was due {day} — overdue.</source>
        <translation>Vencía el {day} — vencido.</translation>
    </message>
    <message>
        <source>Decide by {day}.</source>
        <translation>Decida a más tardar el {day}.</translation>
    </message>
    <message>
        <source>Marketing texts and calls to this mobile are held until then. Open the review queue (Ctrl+R) to apply the STOP lock, turn SMS marketing off or dismiss it.</source>
        <translation>Los mensajes de texto y las llamadas de marketing a este celular quedan retenidos hasta entonces. Abra la cola de revisión (Ctrl+R) para aplicar el bloqueo por STOP, desactivar el marketing por SMS o descartarlo.</translation>
    </message>
    <message>
        <source>This mobile texted CANCEL on {day}. SMS is locked, but the client may have meant an appointment — call the client. Mark it done in the review queue (Ctrl+R).</source>
        <translation>Este celular envió CANCEL el {day}. Los SMS están bloqueados, pero quizás el cliente se refería a una cita — llame al cliente. Márquelo como hecho en la cola de revisión (Ctrl+R).</translation>
    </message>
    <message>
        <source>Shares this mobile with {names} — a STOP from this number reaches all of them.</source>
        <translation>Comparte este celular con {names} — un STOP de este número se aplica a todos.</translation>
    </message>
    <message>
        <source>Shares this mobile with {names} — a STOP from this number reaches both of them.</source>
        <translation>Comparte este celular con {names} — un STOP de este número se aplica a ambos.</translation>
    </message>
    <message>
        <source>Shares this email with {names}.</source>
        <translation>Comparte este correo electrónico con {names}.</translation>
    </message>
    <message numerus="yes">
        <source>{names} and %Ln other(s)</source>
        <translation>
            <numerusform>{names} y %Ln más</numerusform>
            <numerusform>{names} y %Ln más</numerusform>
        </translation>
    </message>
    <message>
        <source>{names} and {last}</source>
        <translation>{names} y {last}</translation>
    </message>
</context>
<context>
    <name>_RecordCounts</name>
    <message numerus="yes">
        <source>Every consent event (%Ln event(s))</source>
        <translation>
            <numerusform>Todos los eventos de consentimiento (%Ln evento)</numerusform>
            <numerusform>Todos los eventos de consentimiento (%Ln eventos)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Archivo de registro</translation>
    </message>
    <message>
        <source>How each client may be contacted, STOP/START enforced without exception, and the record of every consent.</source>
        <translation>Cómo se puede contactar a cada cliente, STOP/START aplicados sin excepción, y el registro de cada consentimiento.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{app}: the database cannot be opened</source>
        <translation>{app}: no se puede abrir la base de datos</translation>
    </message>
</context>
<context>
    <name>client filter</name>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation>Potenciales</translation>
    </message>
    <message>
        <source>Any opt-out</source>
        <translation>Con baja</translation>
    </message>
    <message>
        <source>STOP-locked</source>
        <translation>Con STOP</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivados</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <source>ddd, MMM d, yyyy</source>
        <comment>Qt date format: a weekday, a day and its year (Mon, Nov 23, 2026)</comment>
        <translation>ddd d MMM yyyy</translation>
    </message>
    <message>
        <source>ddd, MMM d</source>
        <comment>Qt date format: a weekday and a day (Mon, Nov 23)</comment>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <comment>Qt date format: a day with its year (Nov 23, 2026)</comment>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>Qt date format: a day of this year (Nov 23)</comment>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>Today {clock}</source>
        <translation>Hoy {clock}</translation>
    </message>
    <message>
        <source>Yesterday {clock}</source>
        <translation>Ayer {clock}</translation>
    </message>
    <message>
        <source>{day}, {clock}</source>
        <translation>{day}, {clock}</translation>
    </message>
    <message>
        <source>not a client</source>
        <translation>no es cliente</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Client keyword</source>
        <translation>Palabra clave del cliente</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>Needs review queue</source>
        <translation>Cola de revisión</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Celular</translation>
    </message>
    <message>
        <source>Home phone</source>
        <translation>Teléfono de casa</translation>
    </message>
    <message>
        <source>Needs review: STOP lock applied</source>
        <translation>Por revisar: bloqueo por STOP aplicado</translation>
    </message>
    <message>
        <source>Needs review: dismissed</source>
        <translation>Por revisar: descartado</translation>
    </message>
    <message>
        <source>Needs review: SMS marketing off only</source>
        <translation>Por revisar: solo marketing por SMS desactivado</translation>
    </message>
    <message>
        <source>Needs review: called the client about CANCEL</source>
        <translation>Por revisar: se llamó al cliente por su CANCEL</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activado</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>{channel} – {switch}: {change}</source>
        <translation>{channel} – {switch}: {change}</translation>
    </message>
    <message>
        <source>STOP lock: {state}</source>
        <translation>Bloqueo por STOP: {state}</translation>
    </message>
    <message>
        <source>STOP confirmation sent</source>
        <translation>Confirmación de STOP enviada</translation>
    </message>
    <message>
        <source>{switch}: {change}</source>
        <translation>{switch}: {change}</translation>
    </message>
    <message>
        <source>Needs review: {outcome}</source>
        <translation>Por revisar: {outcome}</translation>
    </message>
    <message>
        <source>Added as {status}</source>
        <translation>Agregado como {status}</translation>
    </message>
    <message>
        <source>Client {what}</source>
        <translation>Cliente {what}</translation>
    </message>
    <message>
        <source>Name: {old} → {new}</source>
        <translation>Nombre: {old} → {new}</translation>
    </message>
    <message>
        <source>Status: {old} → {new}</source>
        <translation>Estado: {old} → {new}</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
    <message>
        <source>Restored from the archive</source>
        <translation>Restaurado del archivo</translation>
    </message>
    <message>
        <source>Studio – Lock when idle (minutes, 0 never): {change}</source>
        <translation>Estudio – Bloquear si está inactiva (minutos, 0 nunca): {change}</translation>
    </message>
    <message>
        <source>Studio AI – {setting}: {change}</source>
        <translation>IA del estudio – {setting}: {change}</translation>
    </message>
    <message>
        <source>{address} added: {value}</source>
        <translation>{address} agregado: {value}</translation>
    </message>
    <message>
        <source>{address} removed (was {value})</source>
        <translation>{address} eliminado (era {value})</translation>
    </message>
    <message>
        <source>{address}: {old} → {new}</source>
        <translation>{address}: {old} → {new}</translation>
    </message>
    <message>
        <source>Client texted {word}</source>
        <translation>El cliente envió {word}</translation>
    </message>
    <message>
        <source>Client texted STOP</source>
        <translation>El cliente envió STOP</translation>
    </message>
    <message>
        <source>Client texted START</source>
        <translation>El cliente envió START</translation>
    </message>
    <message>
        <source>sent {when}</source>
        <translation>enviado el {when}</translation>
    </message>
    <message>
        <source>texted {when}</source>
        <translation>mensaje del {when}</translation>
    </message>
    <message>
        <source>happened {when}</source>
        <translation>ocurrió el {when}</translation>
    </message>
    <message>
        <source>Event {id} · {time}</source>
        <translation>Evento {id} · {time}</translation>
    </message>
    <message>
        <source>Recorded {time}</source>
        <translation>Registrado {time}</translation>
    </message>
    <message>
        <source>Number: {number}</source>
        <translation>Número: {number}</translation>
    </message>
    <message>
        <source>STOP message id: {id}</source>
        <translation>Id. del mensaje STOP: {id}</translation>
    </message>
    <message>
        <source>Message id: {id}</source>
        <translation>Id. del mensaje: {id}</translation>
    </message>
    <message>
        <source>stays {state}</source>
        <translation>sigue {state}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactiva</translation>
    </message>
    <message>
        <source>PIN reset</source>
        <translation>PIN restablecido</translation>
    </message>
    <message>
        <source>Staff account added: {who}</source>
        <translation>Cuenta del personal agregada: {who}</translation>
    </message>
    <message>
        <source>Staff account {name}: {state}</source>
        <translation>Cuenta del personal de {name}: {state}</translation>
    </message>
    <message>
        <source>Staff account: {change}</source>
        <translation>Cuenta del personal: {change}</translation>
    </message>
</context>
<context>
    <name>record_pdf</name>
    <message>
        <source>Consent record: {name}</source>
        <translation>Registro de consentimiento: {name}</translation>
    </message>
    <message>
        <source>{studio} · made {when} ({zone}) by Opt-In Desk. Every time below is in the studio&apos;s time zone.</source>
        <translation>{studio} · generado el {when} ({zone}) por Opt-In Desk. Todas las horas a continuación están en la zona horaria del estudio.</translation>
    </message>
    <message>
        <source>Current state per channel</source>
        <translation>Estado actual por canal</translation>
    </message>
    <message>
        <source>What this client receives now</source>
        <translation>Lo que recibe este cliente ahora</translation>
    </message>
    <message>
        <source>Changes of this client&apos;s switches, and the events of every mobile number they have had (STOP, START, review decisions), oldest first in the order they were recorded. When: when recorded, and for a text imported or synced late also when the client texted it.</source>
        <translation>Cambios de los interruptores de este cliente y los eventos de cada número de celular que ha tenido (STOP, START, decisiones de revisión), del más antiguo al más reciente, en el orden en que se registraron. Cuándo: cuándo se registró y, para un mensaje de texto importado o sincronizado tarde, también cuándo lo envió el cliente.</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verificación</translation>
    </message>
    <message>
        <source>{name} · {studio} · made {when} UTC · checkpoint {checkpoint}…</source>
        <translation>{name} · {studio} · generado el {when} UTC · punto de control {checkpoint}…</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
    <message>
        <source>none on file</source>
        <translation>ninguno registrado</translation>
    </message>
    <message>
        <source>{status} · archived</source>
        <translation>{status} · archivado</translation>
    </message>
    <message>
        <source>{name} (id {id})</source>
        <translation>{name} (id. {id})</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Celular</translation>
    </message>
    <message>
        <source>Home phone</source>
        <translation>Teléfono de casa</translation>
    </message>
    <message>
        <source>Earlier mobiles</source>
        <translation>Celulares anteriores</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>yes, since {when}</source>
        <translation>sí, desde el {when}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>STOP lock</source>
        <translation>Bloqueo por STOP</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>no permitido</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>May be sent</source>
        <translation>Se puede enviar</translation>
    </message>
    <message>
        <source>Not sent now, and why</source>
        <translation>No se envía ahora, y por qué</translation>
    </message>
    <message>
        <source>No events.</source>
        <translation>Sin eventos.</translation>
    </message>
    <message>
        <source>{number} · message {id}</source>
        <translation>{number} · mensaje {id}</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Núm.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Number · message</source>
        <translation>Número · mensaje</translation>
    </message>
    <message>
        <source>The record&apos;s hash chain holds: all {count} events of the studio&apos;s record were checked, none was changed or removed.</source>
        <translation>La cadena de hashes del registro está íntegra: se revisaron los {count} eventos del registro del estudio; ninguno fue modificado ni eliminado.</translation>
    </message>
    <message>
        <source>The record&apos;s hash chain is broken at event {id}: {problem}</source>
        <translation>La cadena de hashes del registro está rota en el evento {id}: {problem}</translation>
    </message>
    <message>
        <source>Checkpoint (the newest event of the record and its hash when this was made):</source>
        <translation>Punto de control (el evento más reciente del registro y su hash cuando se generó este documento):</translation>
    </message>
    <message>
        <source>Keep this line outside the studio&apos;s database: the command below fails if the record no longer holds that event with that hash.</source>
        <translation>Guarde esta línea fuera de la base de datos del estudio: el comando de abajo falla si el registro ya no contiene ese evento con ese hash.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activado</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
</context>
<context>
    <name>switch</name>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todo</translation>
    </message>
</context>
<context>
    <name>switch_warnings</name>
    <message>
        <source>This fully blocks email to {name}: no campaigns, reminders, booking help or Hailee messages.</source>
        <translation>Esto bloquea por completo el correo electrónico a {name}: sin campañas, recordatorios, ayuda con citas ni mensajes de Hailee.</translation>
    </message>
    <message>
        <source>This fully blocks SMS to {name}: no campaigns, reminders, booking help or Hailee messages.</source>
        <translation>Esto bloquea por completo los SMS a {name}: sin campañas, recordatorios, ayuda con citas ni mensajes de Hailee.</translation>
    </message>
    <message>
        <source>This fully blocks phone calls to {name}: no campaigns, reminders, booking help or Hailee messages.</source>
        <translation>Esto bloquea por completo las llamadas a {name}: sin campañas, recordatorios, ayuda con citas ni mensajes de Hailee.</translation>
    </message>
    <message>
        <source>This fully blocks home phone calls to {name}: no campaigns, reminders, booking help or Hailee messages.</source>
        <translation>Esto bloquea por completo las llamadas al teléfono de casa de {name}: sin campañas, recordatorios, ayuda con citas ni mensajes de Hailee.</translation>
    </message>
    <message>
        <source>SMS is already off: this number texted STOP. Recording that the client asked too keeps SMS off for them even after someone on this number texts START.</source>
        <translation>Los SMS ya están desactivados: este número envió STOP. Registrar que el cliente también lo pidió mantiene los SMS desactivados para el cliente incluso después de que alguien con este número envíe START.</translation>
    </message>
    <message>
        <source>Only the client can turn it back on: by texting START to the studio, or by giving consent again, which staff record with how it was given.</source>
        <translation>Solo el cliente puede volver a activarlo: enviando START al estudio, o dando su consentimiento de nuevo, que el personal registra con la forma en que lo dio.</translation>
    </message>
    <message>
        <source>Only the client can turn it back on: staff record it when the client gives consent again, with how it was given.</source>
        <translation>Solo el cliente puede volver a activarlo: el personal lo registra cuando el cliente vuelve a dar su consentimiento, con la forma en que lo dio.</translation>
    </message>
    <message>
        <source>A text from this mobile waits in Needs review: it may be an opt-out. Review it before recording consent.</source>
        <translation>Un mensaje de texto de este celular espera en Por revisar: puede ser una baja. Revíselo antes de registrar el consentimiento.</translation>
    </message>
    <message>
        <source>This mobile texted STOP on {when}. Record consent only if the client gave it since.</source>
        <translation>Este celular envió STOP el {when}. Registre el consentimiento solo si el cliente lo dio después.</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>Hailee outreach</source>
        <translation>Hailee: mensajes propios</translation>
    </message>
    <message>
        <source>Hailee replies</source>
        <translation>Hailee: respuestas</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propietario</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Gerente</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>Cliente potencial</translation>
    </message>
</context>
</TS>
