"""The application: command line, configuration, files, fixes, review and explain."""
