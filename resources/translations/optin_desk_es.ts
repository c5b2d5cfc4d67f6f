<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name>ChangeWatcher</name>
    <message>
        <source>Database unavailable — retrying</source>
        <extracomment>The status bar&apos;s line while the database cannot be read, in English: `unavailable_message()` says it in the window&apos;s language (the main window translates this English one too).</extracomment>
        <translation>Base de datos no disponible; reintentando</translation>
    </message>
    <message>
        <source>Database available again</source>
        <extracomment>What events of a client may have changed, when only the client is known.</extracomment>
        <translation>La base de datos está disponible de nuevo</translation>
    </message>
</context>
<context>
    <name>DeskLock</name>
    <message>
        <source>Locked</source>
        <extracomment>What a person does at the desk: any of these restarts the idle count. One minute of the idle count, in ms (tests make it short).</extracomment>
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
        <translation>Bienvenido a Opt-In Desk</translation>
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
    <name>MainMenus</name>
    <message>
        <source>Clear the search</source>
        <extracomment>Keys that are not menu actions, for the list of shortcuts (F1): the keys as Qt names them in the language spoken (QKeySequence), what they do translated when shown.</extracomment>
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
        <translation>Iniciar sesión como otro integrante del personal</translation>
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
        <source>Re&amp;fresh</source>
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
        <translation>Ajustes de &amp;IA del estudio…</translation>
    </message>
    <message>
        <source>How Hailee, the AI assistant, works for every client</source>
        <translation>Cómo trabaja Hailee, el asistente de IA, para todos los clientes</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>&amp;Reportes…</translation>
    </message>
    <message>
        <source>Clients per channel and state, the campaign audience, opt-outs over time</source>
        <translation>Clientes por canal y estado, el público de las campañas, las bajas a lo largo del tiempo</translation>
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
        <translation>Ajustes del es&amp;tudio…</translation>
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
        <extracomment>The list&apos;s share of a new window: name, status, mobile and most of an email address. What a narrow profile needs to show every switch without scrolling sideways (issue 10). View ▸ Language chose another language (its code), already remembered and installed: whoever made the window builds a new one that speaks it (`ui.app`). The windows opened from the menus, one of each kind, made on first use.</extracomment>
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
    <name>ServerPage</name>
    <message>
        <source>Server URL</source>
        <extracomment>Whether the form may be saved now (tested, unchanged since).</extracomment>
        <translation>URL del servidor</translation>
    </message>
    <message>
        <source>postgresql://user:password@host:5432/studio (or fill in below)</source>
        <translation>postgresql://usuario@servidor:5432/estudio (o complete abajo)</translation>
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
        <source>&amp;Server</source>
        <translation>Ser&amp;vidor</translation>
    </message>
    <message>
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <source>&amp;Database</source>
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
    <name>StudioPage</name>
    <message>
        <source>Studio name</source>
        <extracomment>Shown where the computer&apos;s own time zone is not an IANA name Opt-In Desk knows. Whether the form may be submitted now.</extracomment>
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
        <extracomment>How long a change made at the desk waits for another workstation&apos;s write before the window says the database is busy (the command line waits longer). The staff member who signed in last at this workstation, offered first next time. `--quit-after-start` (hidden): the first window closes itself once on screen; a built app&apos;s check that Qt, its plugins and the database all start, with no one at the screen (CI).</extracomment>
        <translation>{app}: no se puede abrir la base de datos</translation>
    </message>
</context>
<context>
    <name>client filter</name>
    <message>
        <source>All</source>
        <extracomment>The client list&apos;s filters, in the filter bar and the View menu.</extracomment>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation>Clientes potenciales</translation>
    </message>
    <message>
        <source>Any opt-out</source>
        <translation>Con alguna baja</translation>
    </message>
    <message>
        <source>STOP-locked</source>
        <translation>Bloqueados por STOP</translation>
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
    <name>switch</name>
    <message>
        <source>Marketing</source>
        <extracomment>What the screens call each channel (a row of the Opt-In section and of the grid).</extracomment>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todo</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>Hailee outreach</source>
        <extracomment>A client&apos;s Hailee switches, by the name `models.consent.set_client_ai` takes.</extracomment>
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
