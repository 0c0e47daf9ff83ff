"""What a production deployment runs beside the app (see README, "Running in production")."""
