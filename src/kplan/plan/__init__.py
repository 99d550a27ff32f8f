"""The plan's data: models and value types, the JSON schema, the file layout. No I/O."""
