"""The command line: ``cli`` parses arguments; each verb is a module of its own."""
