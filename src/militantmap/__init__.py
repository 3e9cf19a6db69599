"""militantmap: armed-group knowledge graph from news articles."""
__version__ = "0.4.0"
