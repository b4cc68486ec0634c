/**
 * @module
 * The HTTP contract between the browser and the server: zod schemas of every request, response and
 * stream event. Depends on zod only.
 */
export { id, modelName, timestamp } from './ids.ts';
export type { Id } from './ids.ts';
export { errorCode, errorEnvelope } from './errors.ts';
export type { ErrorCode, ErrorEnvelope } from './errors.ts';
export { chatModel, modelCapability, modelsResponse } from './models.ts';
export type { ChatModel, ModelsResponse } from './models.ts';
export { healthResponse, loadedModel, statusResponse } from './status.ts';
export type { LoadedModel, StatusResponse } from './status.ts';
export { attachment, messageMetadata, messagePart, messageStatus, storedMessage, usage } from './messages.ts';
export type { Attachment, MessageMetadata, MessagePart, MessageStatus, StoredMessage, Usage } from './messages.ts';
export {
  approvalRequest,
  approvalResponse,
  chatMode,
  citationCheck,
  contextReport,
  source,
  toolName,
  toolStep,
  toolStepState,
  toolsResponse,
  turnNotice,
} from './tools.ts';
export type {
  ApprovalRequest,
  ApprovalResponse,
  ChatMode,
  CitationCheck,
  ContextReport,
  Source,
  ToolStep,
  ToolStepState,
  ToolsResponse,
  TurnNotice,
} from './tools.ts';
export {
  SNIPPET_MATCH_END,
  SNIPPET_MATCH_START,
  conversationDetail,
  conversationExport,
  conversationListItem,
  conversationListResponse,
  conversationSummary,
  exportFormat,
  listConversationsQuery,
  updateConversationRequest,
} from './conversations.ts';
export type {
  ConversationDetail,
  ConversationExport,
  ConversationListItem,
  ConversationListResponse,
  ConversationSummary,
  ExportFormat,
  ListConversationsQuery,
  UpdateConversationRequest,
} from './conversations.ts';
export { CHAT_LIMITS, chatDataParts, chatRequest, stopResponse } from './chat.ts';
export type { ChatDataTypes, ChatRequest, ParsedChatRequest } from './chat.ts';
export { conversationEvent } from './events.ts';
export type { ConversationEvent } from './events.ts';
export { uploadResponse } from './uploads.ts';
export type { UploadResponse } from './uploads.ts';
export { openAiChatRequest, openAiError, openAiMessage, openAiTool, openAiToolCall } from './openai.ts';
export type { OpenAiChatRequest, OpenAiError, OpenAiMessage, OpenAiTool, OpenAiToolCall } from './openai.ts';
export { noteHit, noteView, notesSearchQuery, notesSearchResponse, vaultState, vaultStatusResponse } from './vault.ts';
export type { NoteHit, NoteView, NotesSearchQuery, NotesSearchResponse, VaultState, VaultStatusResponse } from './vault.ts';
export {
  FINISHED_IMAGE_JOB_STATES,
  IMAGE_LIMITS,
  generatedImage,
  imageJob,
  imageJobState,
  imageListResponse,
  imageParams,
  imagesStatus,
  listImagesQuery,
  rerunImageRequest,
  workflowName,
  workflowsResponse,
} from './images.ts';
export type {
  GeneratedImage,
  ImageJob,
  ImageJobState,
  ImageListResponse,
  ImageParams,
  ImagesStatus,
  RerunImageRequest,
  WorkflowsResponse,
} from './images.ts';
