"""eventscope: conflict events from dated news reports."""

__version__ = "0.1.0"
