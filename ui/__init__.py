"""Qt widgets and Qt models of Opt-In Desk: they call models/ and never write SQL."""
