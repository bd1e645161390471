"""Maintenance windows (maintenance.toml): during one the checks run, and no alert goes out."""

from monitor.maintenance.windows import (
    FILE_VARIABLE,
    MaintenanceError,
    Occurrence,
    Window,
    current,
    known_targets,
    load,
    maintenance_file,
    upcoming,
)

__all__ = ["FILE_VARIABLE", "MaintenanceError", "Occurrence", "Window", "current", "known_targets", "load",
           "maintenance_file", "upcoming"]
