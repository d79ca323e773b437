"""`hotseat demo`: a complete short interview with a bundled candidate, no sound card needed."""

from agent.demo.demo_run import DemoResult, DemoScript, load_script, run_demo
from agent.demo.microphone import ScriptedMicrophone

__all__ = ["DemoResult", "DemoScript", "ScriptedMicrophone", "load_script", "run_demo"]
