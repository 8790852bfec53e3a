"""One router per resource; ``supple.web.app`` mounts them all."""
