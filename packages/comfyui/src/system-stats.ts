/**
 * `GET /system_stats`: ComfyUI's version and its devices' memory, for the GPU scheduler.
 */
import { z } from 'zod';
import { requestJson, type RequestContext } from './request.ts';

export interface ComfyuiDevice {
  /** e.g. `cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync`. */
  name: string;
  /** `cuda`, `cpu`, `mps`, `xpu`… */
  type: string;
  index: number | null;
  /** Bytes. */
  vramTotal: number;
  /** Bytes free on the device (what other processes use is not free). */
  vramFree: number;
  /** Bytes PyTorch has reserved, and of those, how many are free. */
  torchVramTotal: number;
  torchVramFree: number;
}

export interface ComfyuiSystemStats {
  system: {
    /** e.g. `0.3.64`; null on servers too old to say. */
    comfyuiVersion: string | null;
    os: string | null;
    pythonVersion: string | null;
    pytorchVersion: string | null;
    /** Bytes. */
    ramTotal: number | null;
    ramFree: number | null;
  };
  /** The primary device first. */
  devices: ComfyuiDevice[];
}

const optionalString = z.string().nullable().optional().catch(null);
const optionalNumber = z.number().nullable().optional().catch(null);

const statsSchema = z
  .object({
    system: z
      .object({
        comfyui_version: optionalString,
        os: optionalString,
        python_version: optionalString,
        pytorch_version: optionalString,
        ram_total: optionalNumber,
        ram_free: optionalNumber,
      })
      .loose()
      .catch({}),
    devices: z.array(
      z
        .object({
          name: z.string().catch(''),
          type: z.string().catch('unknown'),
          index: optionalNumber,
          vram_total: z.number().catch(0),
          vram_free: z.number().catch(0),
          torch_vram_total: z.number().catch(0),
          torch_vram_free: z.number().catch(0),
        })
        .loose(),
    ),
  })
  .loose();

export async function fetchSystemStats(context: RequestContext, signal?: AbortSignal): Promise<ComfyuiSystemStats> {
  const body = await requestJson(context, { method: 'GET', path: '/system_stats', schema: statsSchema, signal });
  const { system } = body;
  return {
    system: {
      comfyuiVersion: system.comfyui_version ?? null,
      os: system.os ?? null,
      pythonVersion: system.python_version ?? null,
      pytorchVersion: system.pytorch_version ?? null,
      ramTotal: system.ram_total ?? null,
      ramFree: system.ram_free ?? null,
    },
    devices: body.devices.map((device) => ({
      name: device.name,
      type: device.type,
      index: device.index ?? null,
      vramTotal: device.vram_total,
      vramFree: device.vram_free,
      torchVramTotal: device.torch_vram_total,
      torchVramFree: device.torch_vram_free,
    })),
  };
}
