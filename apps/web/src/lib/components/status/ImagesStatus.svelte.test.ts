import type { ImagesStatus as ImagesStatusResponse } from '@tauceti/contracts';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ImagesStatus from './ImagesStatus.svelte';

const status = (overrides: Partial<ImagesStatusResponse['comfyui']> = {}, gpu: Partial<ImagesStatusResponse['gpu']> = {}): ImagesStatusResponse => ({
  comfyui: { url: 'http://127.0.0.1:8188', reachable: true, version: '0.3.40', error: null, checkpoint: 'sd_xl_base_1.0.safetensors', checkpointSource: 'auto', ...overrides },
  gpu: { policy: 'exclusive', holder: 'image', waiting: 2, ...gpu },
});

describe('ImagesStatus', () => {
  it('shows ComfyUI, the checkpoint picked from those installed, and who has the GPU', () => {
    render(ImagesStatus, { images: status() });
    expect(screen.getByTestId('comfyui-state')).toHaveTextContent('Reachable · version 0.3.40');
    expect(screen.getByTestId('comfyui-checkpoint')).toHaveTextContent('sd_xl_base_1.0.safetensors (picked from those installed)');
    expect(screen.getByTestId('gpu-state')).toHaveTextContent('In use by an image job, 2 waiting for it · one job at a time');
  });

  it('says when ComfyUI does not answer and no checkpoint is known', () => {
    render(ImagesStatus, { images: status({ reachable: false, version: null, error: 'connect ECONNREFUSED 127.0.0.1:8188', checkpoint: null, checkpointSource: null }, { holder: 'idle', waiting: 0 }) });
    expect(screen.getByTestId('comfyui-state')).toHaveTextContent('Not reachable');
    expect(screen.getByTestId('comfyui-state')).toHaveTextContent('ECONNREFUSED');
    expect(screen.getByTestId('comfyui-checkpoint')).toHaveTextContent(/None found/);
    expect(screen.getByTestId('gpu-state')).toHaveTextContent('Free, nothing waiting');
  });
});
