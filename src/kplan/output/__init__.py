"""Everything that draws: blocks, terminal, tables, formats, reporters, views, exports."""
