"""newstables: news articles in, linked tables out, published with Datasette."""
__version__ = "0.1.0"
