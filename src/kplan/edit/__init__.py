"""Changes to plan files: surgical edits, new files, kplan fmt, kplan init."""
