"""The domain model: facts a document states, hardware, the deployment they imply, and bounds."""
