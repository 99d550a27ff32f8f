"""kplan: a town's community plan of social services, kept as YAML in git."""

__version__ = "0.1.0"
