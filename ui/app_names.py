"""What Opt-In Desk calls itself to the operating system: the name of its settings (QSettings)
and of its windows. Apart from the main window, so that the sign-in can show before the main
window's code is even loaded (DESIGN §6: start to sign-in)."""

APP_NAME = "Opt-In Desk"
ORGANIZATION = "Opt-In Desk"
