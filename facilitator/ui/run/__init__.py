"""Run mode: the facilitator's console, the audience view on the projector, clicker keys and the chime."""
