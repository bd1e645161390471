"""Maintenance windows (maintenance.toml): during one the checks run, and no alert goes out."""

from monitor.maintenance.windows import (
    FILE_VARIABLE,
    MaintenanceError,
    Window,
    current,
    known_targets,
    load,
    maintenance_file,
)

__all__ = ["FILE_VARIABLE", "MaintenanceError", "Window", "current", "known_targets", "load", "maintenance_file"]
