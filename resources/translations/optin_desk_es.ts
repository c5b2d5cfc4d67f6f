<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
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
        <extracomment>The consent preview waits this long after the last keystroke (it reads the database).</extracomment>
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
        <translation>Lo que guardar cambia en el consentimiento</translation>
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
        <extracomment>The dialogs&apos; title and the file chooser&apos;s filters, in English (translated where shown).</extracomment>
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
        <extracomment>At most this many buttons to a row, however wide the list is.</extracomment>
        <translation>Filtros de clientes</translation>
    </message>
    <message>
        <source>Show {filter}</source>
        <translation>Mostrar {filter}</translation>
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
        <extracomment>Filters that select by consent state, so a change of a client&apos;s consent can move it. What a row&apos;s flags show (STOP, needs review, opted out): a change of these redraws it, and can move it in or out of a state filter. The stylesheet&apos;s tints for a STOP lock and for something that needs review (style.qss). The column headers in English, translated when the header is drawn (issue 14).</extracomment>
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
        <extracomment>What a click on a column&apos;s header sorts by; the flags column has no order of its own. The client id of a row, on every column. Ids read per step: a broad search (&quot;@example&quot;, 89,000 matches) costs a thousand ids a keystroke, not ninety thousand. Display rows per query: about two screenfuls, so the first paint reads little. Whether _ids holds every id the query selects (otherwise fetchMore() reads more).</extracomment>
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
        <extracomment>What each kind of change can move in the filter bar&apos;s counts (the rest stay as they are). A client was selected in the list (by click, arrow keys or Enter). Enter or a double click on a client: the person wants to work on its profile. The person asked for the Needs review queue. The filter shown changed (its ClientFilter value). New counts are on the filter bar (ClientFilter → int: those that arrived). Counting waits this long after a change, so that a burst of changes is counted once, and FIRST_COUNTS_DELAY_MS after the first load, so that the window paints first.</extracomment>
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
        <translation>Mostrar {filter} (Ctrl+{key})</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>From (who sent the text)</source>
        <extracomment>Each field as staff read it, in English (translated where shown).</extracomment>
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
        <extracomment>Column names that usually hold a field, lower case, for a first guess.</extracomment>
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
    <name>EmptyListHint</name>
    <message>
        <source>No clients yet — add one with Clients ▸ Add client (Ctrl+N) or File ▸ Import clients.</source>
        <extracomment>The hint in English; shown in the window&apos;s language (`empty_list_text`).</extracomment>
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
    <name>ImportProgressDialog</name>
    <message>
        <source>Import message log</source>
        <extracomment>Shorter imports end before the dialog would show: no flash for a small log. A long file name is shortened in the middle, so the dialog keeps its width. Cancel, Escape or the close button: stop after the batch being written.</extracomment>
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
    <name>ImportWorker</name>
    <message>
        <source>The import stopped on an internal error (details are in the log); texts already imported are kept, and importing the file again skips them.</source>
        <extracomment>What the screen says when the import stopped on a bug (in English; the signal carries it in the window&apos;s language); the traceback goes to the log.</extracomment>
        <translation>La importación se detuvo por un error interno (los detalles están en el registro); los mensajes ya importados se conservan, y al importar el archivo de nuevo se omiten.</translation>
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
        <extracomment>Where the chosen columns of each set of column names are kept. The person asked to see the Needs review queue from an import&apos;s result.</extracomment>
        <translation>Importar registro de mensajes</translation>
    </message>
</context>
<context>
    <name>MessagesDialog</name>
    <message>
        <source>Opt-out (STOP)</source>
        <extracomment>What a text did, in the words of the list (keyword → label, icon); English, translated where shown (context &quot;MessagesDialog&quot;).</extracomment>
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
        <extracomment>In English; the status bar says it in the window&apos;s language (provider_sync_controller).</extracomment>
        <translation>la sincronización se detuvo por un error interno (los detalles están en el registro)</translation>
    </message>
</context>
<context>
    <name>ReviewQueueDialog</name>
    <message>
        <source>Needs review — Opt-In Desk</source>
        <extracomment>The person asked to see a client of the selected text (their id) in the main window.</extracomment>
        <translation>Por revisar — Opt-In Desk</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>Texts that look like an opt-out but are not exactly a keyword. Decide each by its due date: an opt-out must be honoured within 10 business days. Until then marketing to the number is held. Nothing here can opt a client in.</source>
        <translation>Mensajes que parecen una baja pero no son exactamente una palabra clave. Decida cada uno antes de su fecha límite: una baja se debe respetar en un plazo de 10 días hábiles. Hasta entonces, el marketing a ese número queda en espera. Nada aquí puede dar de alta a un cliente.</translation>
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
        <source>Was due {date}: an opt-out must be honoured within 10 business days.</source>
        <translation>Vencía el {date}: una baja se debe respetar en un plazo de 10 días hábiles.</translation>
    </message>
    <message>
        <source>Decide by {date}: 10 business days after it came (weekends and US holidays don&apos;t count).</source>
        <translation>Decidir antes del {date}: 10 días hábiles después de que llegó (no cuentan los fines de semana ni los feriados de EE. UU.).</translation>
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
        <translation>{came} {who} {deadline} El marketing a este número queda en espera hasta que se decida.</translation>
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
    <name>SyncWords</name>
    <message>
        <source>Not synced yet</source>
        <extracomment>How often a window syncs (R24: every minute). Tests make it shorter. The most of a failure&apos;s reason the status bar shows; the tooltip has all of it.</extracomment>
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
        <translation type="unfinished">Por revisar</translation>
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
