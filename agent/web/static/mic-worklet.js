// Microphone capture: mono float samples at the context's rate (16 kHz) into int16 frames.
class Pcm16Capture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.size = (options.processorOptions && options.processorOptions.frame) || 320;
    this.buf = new Int16Array(this.size); this.n = 0; this.peak = 0;
  }
  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      const s = Math.max(-1, Math.min(1, input[i]));
      this.peak = Math.max(this.peak, Math.abs(s));
      this.buf[this.n++] = s < 0 ? s * 32768 : s * 32767;
      if (this.n === this.size) {
        const out = this.buf.buffer.slice(0);
        this.port.postMessage({ pcm: out, level: this.peak }, [out]);
        this.n = 0; this.peak = 0;
      }
    }
    return true;
  }
}
registerProcessor("pcm16-capture", Pcm16Capture);
