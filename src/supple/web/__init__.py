"""The local web app: the whole journey in a browser, served on the person's own machine."""
