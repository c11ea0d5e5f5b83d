# The project has no Django admin (case material is reached through the access policy only).
