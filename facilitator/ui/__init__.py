"""The Qt layer: presents the domain and edits it through the document; holds no truth of its own."""
