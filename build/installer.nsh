; Included by electron-builder's NSIS installer and uninstaller (nsis.include in electron-builder.yml).
;
; Zip archives get Export Manager as an "Open with" choice through its own ProgID, listed under
; `.zip`'s OpenWithProgids. The default handler of `.zip` (the default value of
; Software\Classes\.zip) is never written: it belongs to whichever app the person chose, and
; electron-builder's own file association would set it to the app and leave it pointing at a
; removed ProgID after uninstall.
;
; The `export-manager:` link scheme is registered here too: electron-builder's `protocols` are
; macOS only, and registering it at run time would leave it until the first start and keep it
; after uninstall. So the packaged app does not claim it at start on Windows (app-identity.ts).
;
; SHELL_CONTEXT is HKCU for a per-user install (perMachine: false) and HKLM when the person
; chose to install for all users, as for the app's other registry keys.

!define EXPORT_MANAGER_ZIP_PROGID "ExportManager.zip"
!define EXPORT_MANAGER_LINK_SCHEME "export-manager"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_ZIP_PROGID}" "" "Zip archive"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_ZIP_PROGID}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_ZIP_PROGID}\shell\open" "" "Open with ${PRODUCT_NAME}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_ZIP_PROGID}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.zip\OpenWithProgids" "${EXPORT_MANAGER_ZIP_PROGID}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_LINK_SCHEME}" "" "URL:Export Manager link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_LINK_SCHEME}" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_LINK_SCHEME}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_LINK_SCHEME}\shell\open\command" "" '"$appExe" "%1"'
  ; SHCNE_ASSOCCHANGED, SHCNF_FLUSH: Explorer rereads the associations now.
  System::Call "shell32::SHChangeNotify(i 0x08000000, i 0x1000, p 0, p 0)"
!macroend

; The uninstaller refreshes Explorer itself after this macro.
!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.zip\OpenWithProgids" "${EXPORT_MANAGER_ZIP_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_ZIP_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${EXPORT_MANAGER_LINK_SCHEME}"
!macroend
