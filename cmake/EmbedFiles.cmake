# sagsspor_embed(TARGET OUT_CC NAMESPACE FILE...): generates OUT_CC defining,
# for each FILE, `extern const std::string_view <stem>_data` in NAMESPACE,
# where <stem> is the file name with non-identifier characters as '_'.
function(sagsspor_embed out_cc namespace)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${out_cc}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cc} -DNS=${namespace} "-DFILES=${files}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    VERBATIM)
endfunction()
