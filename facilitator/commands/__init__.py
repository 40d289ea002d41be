"""One module per ``facilitator`` subcommand."""
