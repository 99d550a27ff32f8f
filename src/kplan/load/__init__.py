"""Read → validate: documents from disk or git become a Plan and its diagnostics."""
