/**
 * @module
 * ComfyUI client (HTTP and WebSocket), a job runner that never queues a prompt twice, and API-format
 * workflows with their parameters found. Knows nothing of Hono, the AI SDK or Svelte; reads no env.
 */
export { cancelPrompt } from './cancel-prompt.ts';
export type { CancelOutcome } from './cancel-prompt.ts';
export { connectEvents, createComfyuiClient } from './client.ts';
export type { CallOptions, ComfyuiClient, ComfyuiClientOptions, FreeOptions } from './client.ts';
export { comboOptions } from './combo-options.ts';
export {
  ComfyuiError,
  ComfyuiExecutionError,
  ComfyuiInterruptedError,
  ComfyuiUnreachableError,
  ComfyuiValidationError,
  ComfyuiWorkflowError,
} from './errors.ts';
export type { ComfyuiErrorCode, ComfyuiErrorOptions, ComfyuiExecutionDetails, ComfyuiValidationDetails } from './errors.ts';
export type { ComfyuiEvent, ComfyuiEventOf, ComfyuiEventType } from './events/comfyui-event.ts';
export { openEventStream } from './events/connect-events.ts';
export type { ComfyuiEventListener, ComfyuiEvents, EventStreamOptions, WebSocketConstructor, WebSocketLike } from './events/connect-events.ts';
export { decodeBinaryFrame } from './events/decode-binary-frame.ts';
export { parseEventMessage } from './events/parse-event-message.ts';
export type { HistoryEntry, HistoryFailure } from './history.ts';
export { resultImages } from './image-ref.ts';
export type { ImageRef } from './image-ref.ts';
export { locatePrompt } from './locate-prompt.ts';
export type { PromptLocation, PromptLookup } from './locate-prompt.ts';
export type { NodeError, NodeInputError } from './node-errors.ts';
export type { NodeClassInfo } from './object-info.ts';
export type { QueueEntry, QueueState } from './queue.ts';
export type { QueuePromptOptions, QueuePromptResult } from './queue-prompt.ts';
export { reconcilePrompt } from './reconcile-prompt.ts';
export type { ReconcileResult } from './reconcile-prompt.ts';
export { runPrompt } from './run-prompt.ts';
export type { RunProgress, RunPromptOptions, RunPromptResult } from './run-prompt.ts';
export type { ComfyuiDevice, ComfyuiSystemStats } from './system-stats.ts';
export type { UploadImageOptions, UploadImageResult, ViewResult } from './view-image.ts';
export type { ApiGraph, ApiNode, NodeLink } from './workflows/api-graph.ts';
export { applyParameters } from './workflows/apply-parameters.ts';
export type { AppliedWorkflow, ApplyParametersOptions, EffectiveParameters, WorkflowInput } from './workflows/apply-parameters.ts';
export { builtinWorkflows, DEFAULT_WORKFLOW } from './workflows/builtin-workflows.ts';
export type { BuiltinWorkflowName } from './workflows/builtin-workflows.ts';
export { checkCheckpoint, defaultCheckpoint } from './workflows/choose-checkpoint.ts';
export type { DefaultCheckpoint } from './workflows/choose-checkpoint.ts';
export { findParameters } from './workflows/find-parameters.ts';
export { loadWorkflowDir } from './workflows/load-workflow-dir.ts';
export type { LoadWorkflowDirResult, WorkflowFileError } from './workflows/load-workflow-dir.ts';
export { parseWorkflow } from './workflows/parse-workflow.ts';
export { PARAMETER_NAMES } from './workflows/workflow.ts';
export type { DetectedParameters, ParameterName, ParameterRef, Workflow, WorkflowParameters } from './workflows/workflow.ts';
