-- actions-1 §4, §5 (compat Q17): Pause/ResumeCallRecording may be repeated
-- and are idempotent; StopCallRecording ends the recording.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec(), pauserec(), pauserec(), beeps(1),
                       resumerec(), resumerec(), beeps(1), stoprec() },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "StopCallRecording" },
    { event = "HANGUP" },
  },
}
