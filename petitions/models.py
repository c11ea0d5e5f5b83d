"""petitions — this phase is built under its own issue; the app exists so the layout is fixed from the start."""
