// The reports page's strings (part of the staff catalogue, see staff.ts). The call's feedback
// form has its own file, call-feedback.ts, in the call part.
export const reports = {} as const;
