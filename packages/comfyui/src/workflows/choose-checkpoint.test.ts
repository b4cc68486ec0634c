import { describe, expect, it } from 'vitest';
import { checkCheckpoint, defaultCheckpoint } from '../index.ts';

const INSTALLED = ['v1-5-pruned-emaonly.ckpt', 'SDXL/sd_xl_base_1.0.safetensors', 'juggernautXL_v9.safetensors'];

describe('checkCheckpoint', () => {
  it('accepts an installed name, and a name without folder or extension that matches one', () => {
    expect(checkCheckpoint('v1-5-pruned-emaonly.ckpt', INSTALLED)).toBe('v1-5-pruned-emaonly.ckpt');
    expect(checkCheckpoint('SD_XL_BASE_1.0', INSTALLED)).toBe('SDXL/sd_xl_base_1.0.safetensors');
  });

  it('lists what is installed when the name is not', () => {
    expect(() => checkCheckpoint('flux.safetensors', INSTALLED)).toThrow(
      "Checkpoint 'flux.safetensors' is not installed in ComfyUI; available: v1-5-pruned-emaonly.ckpt, SDXL/sd_xl_base_1.0.safetensors, juggernautXL_v9.safetensors.",
    );
    expect(() => checkCheckpoint('a', [])).toThrow(/none are installed \(put one in ComfyUI\/models\/checkpoints\)/);
  });
});

describe('defaultCheckpoint', () => {
  it('uses the configured checkpoint after checking it', () => {
    expect(defaultCheckpoint(INSTALLED, 'v1-5-pruned-emaonly')).toEqual({ checkpoint: 'v1-5-pruned-emaonly.ckpt', reason: "'v1-5-pruned-emaonly' is configured." });
    expect(() => defaultCheckpoint(INSTALLED, 'gone.safetensors')).toThrow(/not installed/);
  });

  it('otherwise picks the first SDXL-looking one, then the first, then none with the reason', () => {
    expect(defaultCheckpoint(INSTALLED)).toMatchObject({ checkpoint: 'SDXL/sd_xl_base_1.0.safetensors', reason: expect.stringMatching(/first SDXL/) });
    expect(defaultCheckpoint(['a.ckpt', 'b.ckpt'], null)).toMatchObject({ checkpoint: 'a.ckpt', reason: expect.stringMatching(/none looks like SDXL/) });
    expect(defaultCheckpoint([])).toEqual({ checkpoint: null, reason: 'ComfyUI has no checkpoints installed: put one in ComfyUI/models/checkpoints.' });
  });
});
