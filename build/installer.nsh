; Latchkey's additions to electron-builder's NSIS uninstaller.
;
; NSIS registers no URL protocol, so the app registers its scheme itself at run time with
; app.setAsDefaultProtocolClient (HKCU\Software\Classes\<scheme>) and its start-at-login entry with
; app.setLoginItemSettings (a Run value named after the AppUserModelId, plus the StartupApproved
; value Windows keeps beside it). The uninstaller must take them away, or a removed app would
; still own the scheme and Windows would try to start a missing file at every login.
;
; The old uninstaller also runs during an update (isUpdated); keep the keys then, or every update
; would silently switch off "Start at login" and unregister the scheme until the next launch.

!define LATCHKEY_SCHEME "dev.latchkey.app"
!define LATCHKEY_RUN_VALUE "dev.latchkey.app"

!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegKey HKCU "Software\Classes\${LATCHKEY_SCHEME}"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${LATCHKEY_RUN_VALUE}"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "${LATCHKEY_RUN_VALUE}"
  ${endIf}
!macroend
