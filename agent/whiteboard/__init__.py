"""The whiteboard as a graph: components, edges, importers, the tablet board and analyzers."""
