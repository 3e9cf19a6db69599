"""militantmap: armed-group knowledge graph from news articles."""
__version__ = "0.5.0"
