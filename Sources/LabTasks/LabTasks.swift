// LabTasks: synthetic long-context tasks (in progress).
