import { IMAGE_LIMITS, type ImageJob, imageParams } from '@tauceti/contracts';
import { z } from 'zod';
import type { AgentTool, ToolDeps } from '../types.ts';

const input = z.strictObject({
  prompt: z.string().trim().min(1).max(IMAGE_LIMITS.maxPromptChars).describe('The picture, described for an image model: subject, setting, style, light'),
  negative_prompt: z.string().max(IMAGE_LIMITS.maxPromptChars).optional().describe('What should not be in the picture'),
  width: z.number().int().min(IMAGE_LIMITS.minSide).max(IMAGE_LIMITS.maxSide).optional().describe('Pixels; leave out for the workflow default'),
  height: z.number().int().min(IMAGE_LIMITS.minSide).max(IMAGE_LIMITS.maxSide).optional().describe('Pixels; leave out for the workflow default'),
  count: z.number().int().min(1).max(IMAGE_LIMITS.maxCount).optional().describe('How many images, 1 to 4'),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Only to repeat an earlier image exactly'),
  workflow: imageParams.shape.workflow.describe('Only when the person names a workflow'),
});

/** What the model is told of a finished job: enough to say what was made, never the bytes. */
export function describeJobForModel(job: ImageJob): string {
  const [first] = job.images;
  const size = first ? `${first.width}×${first.height}` : 'unknown size';
  const count = job.images.length;
  return (
    `Made ${count} image${count === 1 ? '' : 's'} (${size}, seed ${job.seed ?? 'random'}, workflow ${job.workflow}` +
    `${job.checkpoint ? `, checkpoint ${job.checkpoint}` : ''}) for the prompt "${job.params.prompt}". ` +
    'The person already sees the image in the conversation: do not paste links or image Markdown; say briefly what you made.'
  );
}

/**
 * `generate_image`: a picture through ComfyUI, shown in the conversation as a card that follows the
 * job (queue, progress, previews, the images). The call returns when the job ends; the GPU is
 * handed over from the chat model for it and back afterwards by the scheduler.
 */
export function generateImageTool({ images }: Pick<ToolDeps, 'images'>): AgentTool<z.infer<typeof input>> {
  return {
    label: 'Make an image',
    description:
      'Make a picture with the local image model (ComfyUI) when the person asks you to draw, paint, render or picture something. ' +
      'Write the prompt from the conversation. The image is shown to the person; you get a short description of what was made.',
    inputSchema: input,
    maxCallsPerTurn: 1,
    get unavailableReason() {
      return images ? images.unavailableReason() : 'Making images needs ComfyUI: set COMFYUI_URL to your ComfyUI server.';
    },
    async execute(args, context) {
      if (!images) throw new Error('Making images is not set up on this server. Tell the person.');
      const params = {
        prompt: args.prompt,
        ...(args.negative_prompt ? { negativePrompt: args.negative_prompt } : {}),
        ...(args.width ? { width: args.width } : {}),
        ...(args.height ? { height: args.height } : {}),
        ...(args.count ? { count: args.count } : {}),
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.workflow ? { workflow: args.workflow } : {}),
      };
      const started = images.jobs.start({
        params,
        conversationId: context.images?.conversationId ?? null,
        messageId: context.images?.messageId ?? null,
        signal: context.signal,
        ...(context.images?.gpuLease ? { yielding: context.images.gpuLease } : {}),
      });
      context.images?.show(started);
      const job = (await images.jobs.finished(started.id)) ?? started;
      context.images?.show(job);
      if (job.state === 'done') {
        return { text: describeJobForModel(job), summary: `Made ${job.images.length} image${job.images.length === 1 ? '' : 's'}`, sources: [] };
      }
      if (job.state === 'stopped') throw new Error('The image was stopped by the person.');
      throw new Error(`The image could not be made: ${job.error?.message ?? 'ComfyUI did not finish it'}. Tell the person in one sentence.`);
    },
  };
}
