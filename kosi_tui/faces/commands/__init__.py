"""One module per `kosi` subcommand: reads arguments, calls the layers below, prints."""
