"""The command layer: what leaders, squad leaders and officers open first (workbench), the command
centre's cockpit and the evaluation of collaboration. It reads every module below it and writes little."""
