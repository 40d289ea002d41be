"""The room in the app: the Room window, the join slide on the projector, and the server on the qasync loop."""
