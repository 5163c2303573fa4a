/**
 * @cap/plan-model: the Cap plan as a typed Yjs document.
 *
 * - Layout: every top-level type is a Y.Map named in PLAN_ROOT_KEYS; collections hold one Y.Map per
 *   record. Each entity module opens with its layout. SPEC.md lists the rules (SET-1, ACT-3, ...).
 * - Writes: named commands `command(doc, props, origin)`. Props are validated with valibot before anything
 *   is written; bad input throws PlanError { code, field, message } and leaves the document untouched.
 *   Each command is exactly one `doc.transact(fn, origin)`, with `origin` built by userOrigin(id),
 *   serverOrigin() or migrationOrigin(). Creating commands return the new id.
 * - Reads: selectors `selectX(doc)` return plain objects, already sorted for display (lists by fractional
 *   order key then id, periods by date...). Dangling references read as null.
 * - Lifecycle: initPlan(doc, {title, year, locale?, company?, currency?}, origin) for a new plan;
 *   migrate(doc) for a stored one; observePlan(doc, cb) to re-run selectors after each change.
 * - Deletion: comments, ideas and actions are tombstoned (`deleted: true`, history matters); everything
 *   else is really deleted. Concurrency is handled by construction: per-user entries for votes, scores
 *   and reactions, nested id sets for links, fractional order keys, and read-time rules for what the CRDT
 *   cannot prevent (dependency cycles: ACT-4, vote budgets: VOTE-3).
 * - Undo: create each participant's origin once (`const me = userOrigin(id)`) and pass that same object to
 *   every command and to `new Y.UndoManager(types, { trackedOrigins: new Set([me]) })`.
 * - Hidden data (private notes, hidden votes) must not enter this document; the server publishes votes at
 *   reveal with `setVote(doc, { ideaId, count, participantId }, serverOrigin())`.
 * - Tests of other packages: `@cap/plan-model/testing` (in-process peers, seeded delivery, compare()).
 *
 * Main commands (all `(doc, props, origin)`): updatePlanSettings; addListItem / updateListItem /
 * removeListItem / reorderListItem (kind: members | workstreams | channels | productLines | targets);
 * addPeriod / updatePeriod / removePeriod / generateTenDayPeriods; add/update/remove for review items,
 * business and marketing objectives, key results, actions (+ addActionDependency), key moments, budget
 * lines, KPI measurements, ideas and groups; setVote, setScore, updateWorkshop; startThread,
 * replyToThread, editComment, deleteComment, toggleReaction, setThreadResolved.
 * Objectives and comments also have moveMarketingObjective and markThreadRead, and the selectors
 * selectSmartReport (SMART issues as codes, progress, objectives without action), selectUnread, selectOpenThreads.
 */
export { PLAN_ERROR_CODES, PlanError, isPlanError, type PlanErrorCode } from './errors.ts';
export {
	MIGRATION_ORIGIN,
	SERVER_ORIGIN,
	isPlanOrigin,
	migrationOrigin,
	serverOrigin,
	userOrigin,
	type Origin
} from './origin.ts';
export { randomId } from './runtime.ts';
export { UNSAFE_TEXT, unsafeCharacter } from './validate.ts';
export { splitUpdate } from './split-update.ts';
export { compareOrdered, type Ordered } from './order.ts';
export { PLAN_ROOT_KEYS, PLAN_ROOT_TYPES, SCHEMA_VERSION, type PlanRootKey } from './schema.ts';
export {
	getSchemaVersion,
	initPlan,
	isPlanInitialized,
	migrate,
	type InitPlanProps,
	type MigrateResult
} from './plan.ts';
export { observePlan, type PlanChange } from './observe.ts';
export { watchOverwrites, type Overwrite, type OverwriteWatch } from './overwrites.ts';
export {
	DEFAULT_CURRENCY,
	DEFAULT_LOCALE,
	LOCALES,
	MAX_YEAR,
	MIN_YEAR,
	selectSettings,
	updatePlanSettings,
	type Locale,
	type PlanSettings,
	type UpdatePlanSettingsProps
} from './settings.ts';
export {
	NAMED_LIST_KINDS,
	addListItem,
	removeListItem,
	reorderListItem,
	selectChannels,
	selectList,
	selectMembers,
	selectProductLines,
	selectTargets,
	selectWorkstreams,
	updateListItem,
	type AddListItemProps,
	type Member,
	type NamedItem,
	type NamedItemOf,
	type NamedListKind,
	type UpdateListItemProps
} from './lists.ts';
export {
	MAX_PERIOD_DAYS,
	addPeriod,
	generateTenDayPeriods,
	removePeriod,
	selectPeriods,
	tenDayPeriods,
	updatePeriod,
	type AddPeriodProps,
	type Period,
	type UpdatePeriodProps
} from './periods.ts';
export {
	REVIEW_DECISIONS,
	REVIEW_RESULTS,
	addReviewItem,
	addReviewItems,
	carryReviewItems,
	removeReviewItem,
	setReviewFeedback,
	reorderReviewItem,
	selectReviewItems,
	selectReviewTotals,
	updateReviewItem,
	type AddReviewItemProps,
	type ReviewDecision,
	type ReviewItem,
	type ReviewResult,
	type ReviewTotals,
	type UpdateReviewItemProps
} from './review.ts';
export {
	OBJECTIVE_FAMILIES,
	OBJECTIVE_NATURES,
	PRIORITIES,
	addBusinessObjective,
	addKeyResult,
	addMarketingObjective,
	getMarketingObjectiveRationale,
	removeBusinessObjective,
	removeKeyResult,
	removeMarketingObjective,
	reorderBusinessObjective,
	reorderKeyResult,
	reorderMarketingObjective,
	selectBusinessObjectives,
	selectKeyResults,
	selectMarketingObjectives,
	updateBusinessObjective,
	updateKeyResult,
	updateMarketingObjective,
	type AddBusinessObjectiveProps,
	type AddKeyResultProps,
	type AddMarketingObjectiveProps,
	type UpdateBusinessObjectiveProps,
	type BusinessObjective,
	type KeyResult,
	type KeyResultValueSource,
	type MarketingObjective,
	type ObjectiveFamily,
	type ObjectiveNature,
	type Priority,
	type UpdateKeyResultProps,
	type UpdateMarketingObjectiveProps
} from './objectives.ts';
export {
	ACTION_STATUSES,
	RECURRENCE_FREQS,
	addAction,
	addActionDependency,
	getActionDescription,
	removeAction,
	removeActionDependency,
	reorderAction,
	selectActions,
	updateAction,
	type Action,
	type ActionStatus,
	type AddActionProps,
	type Recurrence,
	type UpdateActionProps
} from './actions.ts';
export { effectiveDependencies } from './dependencies.ts';
export {
	KEY_MOMENT_KINDS,
	addKeyMoment,
	removeKeyMoment,
	selectKeyMoments,
	updateKeyMoment,
	type AddKeyMomentProps,
	type KeyMoment,
	type KeyMomentKind,
	type UpdateKeyMomentProps
} from './calendar.ts';
/** Budget, dashboard and last year's review (SPEC "Budget and KPIs", "Last year's review"). */
export {
	BREAKDOWNS,
	OTHER_COSTS,
	addBudgetLine,
	chooseEnvelope,
	removeBudgetLine,
	selectBudget,
	selectBudgetLines,
	updateBudgetLine,
	type ActionCost,
	type AddBudgetLineProps,
	type Breakdown,
	type BudgetBucket,
	type BudgetLine,
	type BudgetSummary,
	type ChooseEnvelopeProps,
	type UpdateBudgetLineProps
} from './budget.ts';
export {
	addCorrectiveAction,
	addKpiMeasurement,
	plannedPath,
	removeKpiMeasurement,
	selectKeyResultTracking,
	selectKpiMeasurements,
	updateKpiMeasurement,
	worstGaps,
	type AddKpiMeasurementProps,
	type KeyResultTracking,
	type KpiMeasurement,
	type TrackingPoint,
	type UpdateKpiMeasurementProps
} from './kpi.ts';
export {
	BASE_FIGURES,
	DEFAULT_KPI_THRESHOLDS,
	INDICATORS,
	INDICATOR_FAMILIES,
	INDICATOR_IDS,
	KPI_STATUSES,
	computeIndicator,
	computeIndicators,
	cpm,
	directedGap,
	kpiStatus,
	ratio,
	roi,
	sumEntered,
	type BaseFigure,
	type BaseFigures,
	type Gap,
	type IndicatorDefinition,
	type IndicatorFamily,
	type IndicatorId,
	type IndicatorValue,
	type KpiStatus,
	type KpiThresholds
} from './indicators.ts';
export {
	BUDGET_METHODS,
	ENVELOPE_METHODS,
	selectBaseFigures,
	selectSteering,
	updateSteering,
	type BudgetMethod,
	type Envelope,
	type EnvelopeMethod,
	type Steering,
	type UpdateSteeringProps
} from './steering.ts';
export {
	addLastYearObjective,
	carryLastYearObjective,
	removeLastYearObjective,
	selectLastYearObjectives,
	updateLastYearObjective,
	type AddLastYearObjectiveProps,
	type LastYearObjective,
	type UpdateLastYearObjectiveProps
} from './review-objectives.ts';
export { selectPreviousPlan, type PreviousPlan } from './review-import.ts';
export {
	CRITERIA,
	DEFAULT_MAX_VOTES_PER_IDEA,
	DEFAULT_VOTE_BUDGET,
	WORKSHOP_PHASES,
	selectWorkshop,
	updateWorkshop,
	type CriteriaWeights,
	type Criterion,
	type UpdateWorkshopProps,
	type WorkshopPhase,
	type WorkshopState
} from './workshop.ts';
export {
	addIdea,
	addIdeaGroup,
	mergeIdea,
	moveIdea,
	removeIdea,
	removeIdeaGroup,
	reorderIdeaGroup,
	selectIdeaGroups,
	selectIdeas,
	updateIdea,
	updateIdeaGroup,
	type AddIdeaGroupProps,
	type AddIdeaProps,
	type UpdateIdeaGroupProps,
	type Idea,
	type IdeaGroup,
	type IdeaTags,
	type UpdateIdeaProps
} from './ideas.ts';
export {
	selectScores,
	selectVotes,
	setScore,
	setVote,
	type IdeaScore,
	type ParticipantVotes,
	type VotesSummary
} from './votes.ts';
export {
	COMMENT_TARGET_TYPES,
	deleteComment,
	editComment,
	replyToThread,
	selectThreads,
	setThreadResolved,
	startThread,
	toggleReaction,
	type Comment,
	type CommentTargetType,
	type CommentThread,
	type Reaction
} from './comments.ts';
export { selectPlan, type PlanSnapshot } from './snapshot.ts';
export { recordJoin, sameName, selectPeople, type PlanPerson } from './people.ts';
export { changesSince, selectVisitSnapshot, type VisitChange, type VisitSnapshot } from './since.ts';
export {
	KEY_RESULT_DIRECTIONS,
	keyResultProgress,
	moveMarketingObjective,
	type KeyResultDirection
} from './objectives.ts';
export {
	SMART_ISSUE_CODES,
	checkSmart,
	selectSmartReport,
	type SmartIssue,
	type SmartIssueCode,
	type SmartKeyResult,
	type SmartObjective,
	type SmartReportEntry
} from './smart.ts';
export {
	MENTION_ROLES,
	markThreadRead,
	mentionedRole,
	readMarkerKey,
	roleMentionId,
	selectMentionIdsOf,
	selectMentionableIds,
	selectOpenThreads,
	selectInbox,
	selectUnread,
	type EditCommentProps,
	type ReplyToThreadProps,
	type StartThreadProps,
	type InboxEntry,
	type MentionRole,
	type UnreadOptions,
	type UnreadTarget
} from './comments.ts';
/**
 * Planning in time (SPEC "Planning", PLAN-1..PLAN-7): recurring actions expanded at read time
 * (recurrence.ts), load per period / month / quarter against owners' capacity (load.ts), moving actions
 * with dependency conflicts or transitive shifting (planning.ts), and ISO date helpers (dates.ts).
 */
export {
	addDays,
	addMonthsClamped,
	calendarDays,
	calendarRanges,
	diffDays,
	workingDays,
	yearRange,
	type DateRange
} from './dates.ts';
export {
	MAX_OCCURRENCES,
	expandOccurrences,
	selectActionOccurrences,
	selectPlanYear,
	type ActionOccurrence,
	type Occurrence
} from './recurrence.ts';
export {
	actionPeriodId,
	actionPlacement,
	selectLoadByRange,
	selectPeriodLoad,
	selectPeriodLoads,
	type LoadEntry,
	type LoadSummary,
	type OwnerLoad,
	type PeriodLoad
} from './load.ts';
export {
	findScheduleConflicts,
	moveAction,
	planMove,
	setActionPeriod,
	type DateChange,
	type MoveActionProps,
	type MoveOptions,
	type MoveResult,
	type ScheduleConflict,
	type SetActionPeriodProps
} from './planning.ts';
/** The live kickoff workshop (SPEC "Workshop": WS-*, TIMER-*, IDEA-5..7, VOTE-5.., PROMO-*). */
export { clearWorkshopReady, setWorkshopReady, type WorkshopPrompt } from './workshop.ts';
export { nextTimer, timerRemaining, type TimerCommand, type TimerFields, type TimerStatus } from './timer.ts';
export { mergedIdeaIds, survivorOf } from './ideas.ts';
export {
	actionNameKey,
	promoteIdeas,
	selectDuplicateActionNames,
	type PromoteIdeasProps
} from './promotion.ts';
export { clearVotes, publishScores, publishVotes } from './votes.ts';
/**
 * Who may write what (SPEC "Write authority": AUTH-*): the table the server's guard and the web client
 * read, and the reading of a client update change by change, whose cost follows the update.
 */
export {
	COMMENTER_RECORDS,
	PLAN_ROLES,
	ROOT_WRITERS,
	checkPlanUpdate,
	mayWrite,
	planUpdateViolation,
	type CheckContext,
	type MapReader,
	type PlanRole,
	type RootWriters,
	type UpdateVerdict,
	type Violation,
	type ViolationCode,
	type Writer
} from './authority/write-rules.ts';
export {
	NewType,
	describeUpdate,
	type EntryChange,
	type SequenceChange,
	type UpdateChange,
	type UpdateDescription
} from './authority/update-changes.ts';
/** Starting points: templates (TPL-1) and next year's plan from this one (NEXT-1..3). */
export {
	PLAN_TEMPLATES,
	PLAN_TEMPLATE_IDS,
	applyTemplate,
	type PlanTemplate,
	type PlanTemplateId
} from './templates.ts';
export { startNextYear } from './next-year.ts';
/** Versions: restoring one by ordinary edits (RESTORE-1..3) and comparing two states (CMP-1). */
export { RESTORED_ROOTS, restoreVersion } from './restore.ts';
export { comparePlans, type FieldChange, type PlanComparison } from './compare.ts';

/** The report's and the workbook's figures, each read from its owning selector (SPEC FIG-1, FIG-2). */
export {
	selectPlanFigures,
	selectWorkshopOutcome,
	selectYearPlan,
	type PlanFigures,
	type WorkshopOutcome,
	type YearLane,
	type YearPlacement,
	type YearPlan,
	type YearRow
} from './figures.ts';
export * from './context/index.ts';
export * from './meeting/index.ts';
export {
	foldWords,
	inferDirection,
	priorityByMeaning,
	readDateText,
	statusByMeaning
} from './import/read.ts';
